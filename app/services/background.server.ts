/**
 * Work the server process runs beside requests (the job worker).
 * scripts/server.ts calls these through the Remix build's entry module so that
 * routes and the worker share one module graph and one database connection.
 */
export async function startBackground(): Promise<void> {}

export async function stopBackground(): Promise<void> {}
