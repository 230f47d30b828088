/**
 * Actors
 * ======
 *
 * Who did something and from where: what services receive instead of the request, so they can record
 * it in the audit trail without seeing Express.
 */
import type { Principal, RouteContext } from "../http/route.js";

export interface Actor {
  /** Null for anonymous requests (failed sign-ins) and for the system itself. */
  principal: Principal | null;
  ip: string;
  userAgent: string;
  requestId: string;
}

export function actorOf(
  ctx: Pick<RouteContext<unknown, unknown, unknown>, "principal" | "ip" | "userAgent" | "requestId">,
): Actor {
  return { principal: ctx.principal, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}

/** Work the server does on its own (first-start admin, command-line tools). */
export function systemActor(what = "system"): Actor {
  return {
    principal: { id: "system", username: what, role: "admin" },
    ip: "local",
    userAgent: what,
    requestId: "",
  };
}

/** A signed-in user with the actor's identity, or an error message for the anonymous case. */
export function actorName(actor: Actor): string {
  return actor.principal?.username ?? "anonymous";
}
