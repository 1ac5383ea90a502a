/**
 * A fake Keplr extension for e2e: the page talks to it exactly as to the real extension (the
 * `proxy-request` postMessage protocol of @keplr-wallet/provider-extension, which cosmos-kit's Keplr
 * wallet uses), and every request is answered in Node, where a mnemonic signs. So the app's real
 * cosmos-kit → Keplr code path runs, including "suggest chain" for chains Keplr does not know.
 */
import type { Page } from "@playwright/test";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Secp256k1HdWallet, type StdSignDoc } from "@cosmjs/amino";
import { fromBech32, fromHex, toBase64, toHex } from "@cosmjs/encoding";

export interface FakeKeplrControl {
  address: string;
  /** Chain infos the app suggested (experimentalSuggestChain). */
  suggestedChains: Array<{ chainId: string; rpc: string; rest: string; bech32Config?: unknown; currencies?: unknown }>;
  /** Every sign request, in order. */
  signRequests: Array<{ mode: "direct" | "amino"; chainId: string; signer: string }>;
  /** When true, the next sign request is rejected like a user pressing "Reject". */
  rejectNextSign: boolean;
  /** When true, the next amino (ADR-36 signArbitrary) request is rejected; transactions signed in direct mode pass. */
  rejectNextAminoSign: boolean;
  /** When true, adding an unknown chain is declined. */
  declineSuggestChain: boolean;
  /** When true, the extension is locked: key requests fail until it is unlocked. */
  locked: boolean;
  /** Switches the extension to another account (a new mnemonic) and tells the page, as Keplr does. */
  switchAccount: (mnemonic?: string) => Promise<string>;
}

const KNOWN_CHAINS = new Set(["akashnet-2", "cosmoshub-4"]);

function revive(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === "string" && value.startsWith("__uint8array__")) return fromHex(value.slice("__uint8array__".length));
    if (typeof value === "string" && value.startsWith("__bigint__")) return BigInt(value.slice("__bigint__".length));
    return value;
  });
}

function wrap(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return `__uint8array__${toHex(v)}`;
    if (v && typeof v === "object" && (v as { type?: string }).type === "Buffer" && Array.isArray((v as { data?: unknown }).data)) return `__uint8array__${toHex(new Uint8Array((v as { data: number[] }).data))}`;
    if (typeof v === "bigint") return `__bigint__${v.toString()}`;
    return v;
  });
}

/**
 * Installs the fake extension in `page`, holding `mnemonic` (a fresh one when omitted). `ledger`: the key is on a
 * Ledger, as Keplr reports it (`isNanoLedger`); like the device, it then signs only Amino JSON.
 */
export async function installFakeKeplr(page: Page, mnemonic?: string, options: { ledger?: boolean } = {}): Promise<FakeKeplrControl> {
  mnemonic ??= (await DirectSecp256k1HdWallet.generate(24)).mnemonic;
  let direct = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
  let amino = await Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "akash" });
  let [account] = await direct.getAccounts();
  const known = new Set(KNOWN_CHAINS);
  const control: FakeKeplrControl = {
    address: account!.address,
    suggestedChains: [],
    signRequests: [],
    rejectNextSign: false,
    rejectNextAminoSign: false,
    declineSuggestChain: false,
    locked: false,
    switchAccount: async (next) => {
      next ??= (await DirectSecp256k1HdWallet.generate(24)).mnemonic;
      direct = await DirectSecp256k1HdWallet.fromMnemonic(next, { prefix: "akash" });
      amino = await Secp256k1HdWallet.fromMnemonic(next, { prefix: "akash" });
      [account] = await direct.getAccounts();
      control.address = account!.address;
      await page.evaluate('window.dispatchEvent(new Event("keplr_keystorechange"))');
      return control.address;
    },
  };

  const requireChain = (chainId: string) => {
    if (control.locked) throw new Error("Keyring is locked");
    if (!known.has(chainId)) throw new Error(`There is no chain info for ${chainId}`);
  };
  const checkSign = (mode: "direct" | "amino", chainId: string, signer: string) => {
    requireChain(chainId);
    control.signRequests.push({ mode, chainId, signer });
    if (control.rejectNextSign) {
      control.rejectNextSign = false;
      throw new Error("Request rejected");
    }
    if (mode === "amino" && control.rejectNextAminoSign) {
      control.rejectNextAminoSign = false;
      throw new Error("Request rejected");
    }
    if (signer !== account!.address) throw new Error("Signer mismatched");
  };

  const handlers: Record<string, (...args: never[]) => unknown> = {
    ping: () => null,
    enable: (chainIds: string | string[]) => {
      for (const id of Array.isArray(chainIds) ? chainIds : [chainIds]) requireChain(id);
      return null;
    },
    experimentalSuggestChain: (chainInfo: FakeKeplrControl["suggestedChains"][number]) => {
      if (control.declineSuggestChain) throw new Error("Request rejected");
      control.suggestedChains.push(chainInfo);
      known.add(chainInfo.chainId);
      return null;
    },
    getKey: (chainId: string) => {
      requireChain(chainId);
      return {
        name: "e2e-keplr",
        algo: "secp256k1",
        pubKey: account!.pubkey,
        address: fromBech32(account!.address).data,
        bech32Address: account!.address,
        ethereumHexAddress: "",
        isNanoLedger: options.ledger === true,
        isKeystone: false,
      };
    },
    signDirect: async (chainId: string, signer: string, doc: { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; chainId: string; accountNumber: string }) => {
      checkSign("direct", chainId, signer);
      if (options.ledger) throw new Error("Ledger Native Error: sign mode direct is not supported on this device");
      const { signed, signature } = await direct.signDirect(signer, { bodyBytes: doc.bodyBytes, authInfoBytes: doc.authInfoBytes, chainId: doc.chainId, accountNumber: BigInt(doc.accountNumber) });
      return { signed: { ...signed, accountNumber: signed.accountNumber.toString() }, signature };
    },
    signAmino: async (chainId: string, signer: string, doc: StdSignDoc) => {
      checkSign("amino", chainId, signer);
      return amino.signAmino(signer, doc);
    },
    // ADR-36 arbitrary data, as Keplr signs it (used for provider JWTs).
    signArbitrary: async (chainId: string, signer: string, data: string | Uint8Array) => {
      checkSign("amino", chainId, signer);
      const bytes = typeof data === "string" ? new TextEncoder().encode(data) : Uint8Array.from(data);
      const doc: StdSignDoc = {
        chain_id: "",
        account_number: "0",
        sequence: "0",
        fee: { gas: "0", amount: [] },
        msgs: [{ type: "sign/MsgSignData", value: { signer, data: toBase64(bytes) } }],
        memo: "",
      };
      return (await amino.signAmino(signer, doc)).signature;
    },
  };

  await page.exposeFunction("__fakeKeplrRequest", async (payload: string) => {
    const { method, args } = revive(payload) as { method: string; args: unknown[] };
    const handler = handlers[method];
    if (!handler) return wrap({ error: `Invalid method: ${method}` });
    try {
      return wrap({ return: await handler(...(args as never[])) });
    } catch (error) {
      return wrap({ error: error instanceof Error ? error.message : String(error) });
    }
  });

  await page.addInitScript(() => {
    // Runs in the page (no DOM lib in the Node tsconfig, hence the local types).
    interface PageWindow {
      keplrRequestMetaIdSupport: boolean;
      __fakeKeplrRequest: (payload: string) => Promise<string>;
      location: { origin: string };
      addEventListener: (type: "message", listener: (event: { data: unknown }) => void) => void;
      postMessage: (message: unknown, targetOrigin: string) => void;
    }
    const w = globalThis as unknown as PageWindow;
    w.keplrRequestMetaIdSupport = true;
    w.addEventListener("message", (event) => {
      const data = event.data as { type?: unknown; id?: string; method?: string; args?: unknown } | null;
      if (!data || typeof data.type !== "string" || !data.type.startsWith("proxy-request") || data.type === "proxy-request-response") return;
      void w.__fakeKeplrRequest(JSON.stringify({ method: data.method, args: data.args })).then((reply) => {
        w.postMessage({ type: "proxy-request-response", id: data.id, result: JSON.parse(reply) }, w.location.origin);
      });
    });
  });

  return control;
}
