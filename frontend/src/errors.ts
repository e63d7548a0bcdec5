/**
 * What a failed operation means for the person in front of the screen. The server's message is
 * already in their language (Accept-Language); `fields` names the form fields it is about
 * (BAD_USER_INPUT's extensions.fields), `errors` the rows or elements (extensions.errors).
 */
import { CombinedGraphQLErrors } from "@apollo/client";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "INTERNAL"
  | "NETWORK";

export interface ProblemRow {
  [key: string]: unknown;
  message?: string;
}

export interface Problem {
  code: ErrorCode;
  message: string;
  fields: Record<string, string>;
  errors: ProblemRow[];
  truncated: number;
}

export function problemOf(error: unknown): Problem {
  if (CombinedGraphQLErrors.is(error) && error.errors.length) {
    const first = error.errors[0];
    const extensions = (first.extensions ?? {}) as Record<string, unknown>;
    const fields = (extensions.fields ?? {}) as Record<string, unknown>;
    return {
      code: ((extensions.code as ErrorCode) ?? "INTERNAL"),
      message: first.message,
      fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.join(" ") : String(v)])),
      errors: Array.isArray(extensions.errors) ? (extensions.errors as ProblemRow[]) : [],
      truncated: Number(extensions.truncated ?? 0),
    };
  }
  return {
    code: "NETWORK",
    message: error instanceof Error ? error.message : String(error),
    fields: {},
    errors: [],
    truncated: 0,
  };
}

/** Session ended (logged out elsewhere, expired, revoked): the app shows the sign-in screen. */
export function isSignedOut(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED");
}

/** The database key inside a Relay global id ("WorkResult:12" base64): what error rows name. */
export function pkOf(globalId: string): string {
  try {
    const decoded = atob(globalId);
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : globalId;
  } catch {
    return globalId;
  }
}
