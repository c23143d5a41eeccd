// NeDB's serializer, for appending the exact lines NeDB itself would (nedb-internals.ts).
declare module '@seald-io/nedb/lib/model.js' {
  const model: { serialize(doc: unknown): string };
  export default model;
}
