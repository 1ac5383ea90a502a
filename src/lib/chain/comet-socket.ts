/**
 * A CometBFT WebSocket client that says when the node has confirmed each subscription. cosmjs drops the node's
 * JSON-RPC reply to `subscribe`, yet a reader that loads state and then follows events needs that moment: only a
 * read made after the reply is sure to cover everything committed before the subscription took effect, and it
 * can be made at once instead of at the next block.
 */
import { Comet38Client, WebsocketClient } from "@cosmjs/tendermint-rpc";
import { websocketUrl } from "./http";

type SubscribeRequest = Parameters<WebsocketClient["listen"]>[0];

export interface CometSocketOptions {
  /** The socket failed or closed. */
  onError?: (error: unknown) => void;
  /** The node accepted the subscription to `query` (its reply to `subscribe` arrived). */
  onSubscribed?: (query: string) => void;
}

class SubscriptionAwareWebsocketClient extends WebsocketClient {
  private readonly confirming = new Set<string>();

  constructor(
    url: string,
    onError: (error: unknown) => void,
    private readonly onSubscribed: (query: string) => void,
  ) {
    super(url, onError);
  }

  override listen(request: SubscribeRequest) {
    const stream = super.listen(request);
    const query = (request.params as { query?: unknown } | undefined)?.query;
    // cosmjs sends one subscribe per query and socket (later listeners share it), so only the first request's id
    // is ever answered.
    if (typeof query === "string" && !this.confirming.has(query)) {
      this.confirming.add(query);
      // The first message with the request's id is the reply (events for it can only follow it); an error reply
      // fails the stream itself, so only a result confirms.
      this.responseForRequestId(request.id).then(
        (response) => {
          if ("result" in response) this.onSubscribed(query);
        },
        () => {
          // Socket gone before the reply: onError says so.
        },
      );
    }
    return stream;
  }
}

/** A Comet38 client over the node's WebSocket (`rpcUrl` is its http(s) RPC address). Throws on a malformed URL. */
export function openCometSocket(rpcUrl: string, options: CometSocketOptions = {}): Comet38Client {
  const socket = new SubscriptionAwareWebsocketClient(
    websocketUrl(rpcUrl),
    options.onError ?? (() => {}),
    options.onSubscribed ?? (() => {}),
  );
  return Comet38Client.create(socket);
}
