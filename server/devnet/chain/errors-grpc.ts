import { ChainError } from "./errors.ts";
import { getErrorMessage } from "../../shared/errors.ts";

/**
 * Query errors as the SDK's gRPC-over-ABCI path reports them (baseapp gRPCErrorToSDKError):
 * the log is "rpc error: code = <Code> desc = <desc>: <sdk error text>". cosmjs relies on the
 * "rpc error: code = NotFound" text to map an unknown account to null.
 */
export const grpcErrors = {
  notFound: (desc: string) => new ChainError("sdk", 22, `rpc error: code = NotFound desc = ${desc}: key not found`),
  invalidArgument: (desc: string) => new ChainError("sdk", 18, `rpc error: code = InvalidArgument desc = ${desc}: invalid request`),
};

/** Converts any error thrown by a query handler into the SDK's gRPC-style query error. */
export function toQueryError(err: unknown): ChainError {
  if (err instanceof ChainError) {
    if (err.message.startsWith("rpc error:")) return err;
    if ((err.codespace === "sdk" && (err.code === 22 || err.code === 38)) || /not found/i.test(err.message)) return grpcErrors.notFound(err.message);
    return grpcErrors.invalidArgument(err.message);
  }
  return new ChainError("sdk", 6, `rpc error: code = Unknown desc = ${getErrorMessage(err)}: unknown request`);
}
