#!/usr/bin/env node
// kafka-warmup.cjs - check that a freshly started broker serves kafkajs and make
// it create __consumer_offsets now, so the first test does not pay for it.
//
// Usage: node infra/kafka/kafka-warmup.cjs [host:port[,host:port]]
//        (default: $MMHUB_KAFKA_BROKERS, else 127.0.0.1:9092)
// kafkajs is resolved the normal way (the project's node_modules).
// Exit codes: 0 ok, 1 failed, 3 kafkajs not installed.
'use strict'

let kafkajs
try {
  kafkajs = require('kafkajs')
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    console.error('[kafka-warmup] kafkajs is not installed (npm install), skipping')
    process.exit(3)
  }
  throw e
}
const { Kafka, logLevel } = kafkajs

const brokers = (process.argv[2] || process.env.MMHUB_KAFKA_BROKERS || '127.0.0.1:9092').split(',')
const timeoutMs = Number(process.env.KAFKA_WARMUP_TIMEOUT_MS || 30000)
const deadline = Date.now() + timeoutMs

const kafka = new Kafka({
  clientId: 'mmhub-kafka-warmup',
  brokers,
  logLevel: logLevel.NOTHING,
  connectionTimeout: 3000,
  retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 2000 },
})

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms))

async function untilOk(what, fn) {
  for (;;) {
    try {
      return await fn()
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what}: ${e && e.message}`)
      await sleep(300)
    }
  }
}

async function main() {
  const admin = kafka.admin()
  await untilOk('connect', () => admin.connect())
  try {
    const cluster = await untilOk('describeCluster', () => admin.describeCluster())

    // A topic round trip through the controller.
    const topic = `mmhub-warmup-${process.pid}-${Date.now()}`
    await untilOk('createTopics', () =>
      admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true })
    )
    await untilOk('fetchTopicMetadata', () => admin.fetchTopicMetadata({ topics: [topic] }))
    await untilOk('deleteTopics', () => admin.deleteTopics({ topics: [topic] }))

    // FindCoordinator (inside describeGroups) makes the broker create and load
    // __consumer_offsets; until then it answers COORDINATOR_NOT_AVAILABLE.
    await untilOk('describeGroups', () => admin.describeGroups(['mmhub-warmup']))

    // An idempotent producer's InitProducerId is answered COORDINATOR_LOAD_IN_PROGRESS
    // until the broker has fetched its first block of producer ids from the controller.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    await untilOk('idempotent producer', () => producer.connect())
    await producer.disconnect().catch(() => {})

    console.error(
      `[kafka-warmup] ok: cluster ${cluster.clusterId}, brokers ${cluster.brokers.map(b => `${b.host}:${b.port}`).join(',')}`
    )
  } finally {
    await admin.disconnect().catch(() => {})
  }
}

const timer = setTimeout(() => {
  console.error(`[kafka-warmup] FAILED: no success within ${timeoutMs + 10000} ms`)
  process.exit(1)
}, timeoutMs + 10000)
timer.unref()

main().then(
  () => process.exit(0),
  e => {
    console.error(`[kafka-warmup] FAILED: ${e && e.stack ? e.stack : e}`)
    process.exit(1)
  }
)
