/** What the users feature needs from others, as ports: it ends sessions without importing auth. */

/** Ends every session of one user (auth's session repository satisfies it; wired in the container). */
export interface SessionEnder {
  deleteForUser(userId: string): Promise<unknown>;
}
