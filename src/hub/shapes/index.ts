// Every Hub response shape the gate reads, defined once: the JSON types (`Api*`) the local registry serves and the
// validators the client runs on what it receives. src/registry imports these; nothing here imports src/registry.
export * from './check.js';
export * from './model-info.js';
export * from './tree.js';
export * from './commits.js';
export * from './refs.js';
export * from './author.js';
export * from './model-list.js';
