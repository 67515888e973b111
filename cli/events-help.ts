/** What `mmhub events --help` adds after the commands. */
export const EVENTS_HELP = `
Times: 2026-03-01 (midnight in Riyadh), 2026-03-01T09:00:00+03:00, or a while ago: 90m, 6h, 7d; now.

Reads mmhub.initiatives.v1, mmhub.calendar.v1 and mmhub.media.v1 from the brokers in MMHUB_KAFKA_BROKERS
(default 127.0.0.1:9092) with a consumer group of its own; times are the Kafka timestamps of the records
(when each node published the event). The topics are documented in docs/events.md. The embedded demo
has no broker: tail follows the events subscription of a node's gateway given with --port, or of the one at
MMHUB_PORT when it runs on an in-process bus (even if a broker answers here, it is not the demo's log) or no
broker answers, as it does any gateway given with --gateway and --token (docs/open-data.md); there --since
starts at the first event of the node's journal made at or after that time, and every event taken in after it
follows. Export needs a broker.`;
