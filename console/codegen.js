// Typed documents for the console's operations, generated from the supergraph: npm run console:codegen
/** @type {import('@graphql-codegen/cli').CodegenConfig} */
module.exports = {
  schema: 'schema/supergraph.graphql',
  documents: ['console/src/**/*.{ts,tsx}', '!console/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'console/src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // every operation gets a sha256 key: the manifest a production gateway accepts (MMHUB_PERSISTED_OPERATIONS)
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { LocalDate: 'string', DateTime: 'string', EventData: 'Record<string, unknown>' },
      },
    },
  },
};
