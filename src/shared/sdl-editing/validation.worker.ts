/// <reference lib="webworker" />
import { validationSDLSchema } from "@akashnetwork/chain-sdk/web";
import { checkSdl } from "@/lib/sdl/validate";
import type { ValidationRequest, ValidationResponse } from "./worker-protocol";
import { getErrorMessage } from "@/lib/errors";

// SDL validation off the main thread: the same src/lib/sdl code sdl:check runs in Node.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<ValidationRequest>) => {
  const msg = event.data;
  if (msg.type === "schema") {
    scope.postMessage({ type: "schema", schema: validationSDLSchema } satisfies ValidationResponse);
    return;
  }
  const t0 = performance.now();
  try {
    const r = checkSdl(msg.text, msg.options);
    const response: ValidationResponse = { type: "result", id: msg.id, result: { valid: r.valid, diagnostics: r.diagnostics, summary: r.summary }, ms: performance.now() - t0 };
    scope.postMessage(response);
  } catch (e) {
    scope.postMessage({ type: "error", id: msg.id, message: getErrorMessage(e) } satisfies ValidationResponse);
  }
};
