/**
 * The message of anything thrown, for people: an Error's message, a string as is, else its JSON.
 * The same rule as the console's src/lib/errors.ts; server code does not import browser code.
 */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "string") return error;
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
