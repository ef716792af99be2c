// Integration and end-to-end specs start hubs, databases and processes: on a busy two-core machine
// a hub alone can take longer than Jest's 5 s default to boot.
jest.setTimeout(30_000);
