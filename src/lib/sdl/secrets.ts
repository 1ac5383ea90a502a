/**
 * Secrets in an SDL (database passwords, API keys): templates get generated ones instead of shipping a default,
 * and a well-known default left in an SDL is found (with where it is) so the editor can warn and offer a fix.
 */
import type { TextEdit } from "./types";

/** Values people leave in templates and examples; anyone can guess them. */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = ["change-me-please", "change-me", "changeme", "change_me", "password", "passw0rd", "secret", "admin", "root", "123456", "postgres", "mysql", "example", "test"];

/** The placeholder the built-in templates carry where a generated secret goes. */
export const TEMPLATE_SECRET_PLACEHOLDER = "change-me-please";

const SECRET_ENV = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|AUTH_?KEY|PRIVATE_?KEY)$/i;
const SECRET_FLAGS = new Set(["--requirepass", "--api-key", "--password", "--auth-token", "--token", "--secret"]);
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** A random password from an unambiguous alphabet (no 0/O, 1/l/I), by crypto.getRandomValues: 24 chars ≈ 141 bits. */
export function generateSecret(length = 24, random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let out = "";
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

/** A template's SDL with its placeholder secret replaced by one generated secret (so pairs that must match still do). */
export function fillTemplateSecrets(sdl: string, generate: () => string = () => generateSecret()): string {
  return sdl.includes(TEMPLATE_SECRET_PLACEHOLDER) ? sdl.replaceAll(TEMPLATE_SECRET_PLACEHOLDER, generate()) : sdl;
}

export interface DefaultSecret {
  service: string;
  /** The environment variable or command-line flag holding it. */
  name: string;
  value: string;
  /** Offsets of the value in the SDL text. */
  start: number;
  end: number;
}

function isDefault(value: string): boolean {
  return KNOWN_DEFAULT_SECRETS.includes(value.trim().toLowerCase());
}

function occurrences(text: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/** Where a value stands alone as a YAML scalar (not inside a longer word). */
function tokenOccurrences(text: string, value: string): number[] {
  return occurrences(text, value).filter((i) => !/[\w.-]/.test(text[i - 1] ?? " ") && !/[\w.-]/.test(text[i + value.length] ?? " "));
}

/** Secrets with a well-known default value in services' env (`POSTGRES_PASSWORD=…`) and args (`--requirepass …`). */
export function findDefaultSecrets(text: string, sdl: unknown): DefaultSecret[] {
  const services = (sdl as { services?: unknown } | null)?.services;
  if (!services || typeof services !== "object") return [];
  const found: DefaultSecret[] = [];
  const seen = new Set<number>();
  const add = (service: string, name: string, value: string, start: number) => {
    if (seen.has(start)) return;
    seen.add(start);
    found.push({ service, name, value, start, end: start + value.length });
  };
  for (const [service, spec] of Object.entries(services as Record<string, unknown>)) {
    const { env, args, command } = (spec ?? {}) as { env?: unknown; args?: unknown; command?: unknown };
    for (const entry of Array.isArray(env) ? env : []) {
      if (typeof entry !== "string" || !entry.includes("=")) continue;
      const name = entry.slice(0, entry.indexOf("=")).trim();
      const value = entry.slice(entry.indexOf("=") + 1);
      if (!SECRET_ENV.test(name) || !isDefault(value)) continue;
      for (const at of occurrences(text, entry)) add(service, name, value, at + entry.indexOf("=") + 1);
    }
    const argv = [...(Array.isArray(command) ? command : []), ...(Array.isArray(args) ? args : [])].map(String);
    argv.forEach((arg, i) => {
      const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
      if (!SECRET_FLAGS.has(flag)) return;
      const value = inline ?? argv[i + 1];
      if (value === undefined || !isDefault(value)) return;
      for (const at of tokenOccurrences(text, value)) add(service, flag, value, at);
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** One edit set that replaces every occurrence of a default secret value with the same generated secret. */
export function replaceSecretEdits(secrets: readonly DefaultSecret[], value: string, replacement: string): TextEdit[] {
  return secrets.filter((s) => s.value === value).map((s) => ({ start: s.start, end: s.end, text: replacement }));
}
