/**
 * Gives a fresh devnet some history, like any real chain has: one ACT mint from the genesis account,
 * signed and sent through the console's own signing path (src/lib/tx) from Node.
 */
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { DEVNET_MNEMONIC } from "../../server/devnet/config.ts";
import { buildMintActMsg } from "../../src/lib/tx/messages.ts";
import { TxClient } from "../../src/lib/tx/signing.ts";

export async function seedMintHistory(rpcUrl: string, chainId: string): Promise<void> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(DEVNET_MNEMONIC, { prefix: "akash" });
  const [account] = await wallet.getAccounts();
  const client = await TxClient.connect({ address: account!.address, signer: wallet }, { rpcUrl, chainId, pollIntervalMs: 100 });
  try {
    await client.signAndBroadcast(await client.prepare([buildMintActMsg(account!.address, 1_000_000n)], "e2e seed"));
  } finally {
    client.disconnect();
  }
}
