/** The built-in wallet's key handling: generate or import a BIP-39 mnemonic and derive the Akash signer. */
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { EnglishMnemonic } from "@cosmjs/crypto";
import { getErrorMessage } from "../errors";

export type MnemonicCheck = { ok: true; mnemonic: string } | { ok: false; error: string };

/** Normalises whitespace and case, then checks words and checksum. */
export function checkMnemonic(input: string): MnemonicCheck {
  const mnemonic = input.trim().toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  const words = mnemonic ? mnemonic.split(" ").length : 0;
  if (![12, 15, 18, 21, 24].includes(words)) return { ok: false, error: `A recovery phrase has 12 or 24 words; this one has ${words}` };
  try {
    new EnglishMnemonic(mnemonic);
    return { ok: true, mnemonic };
  } catch (error) {
    if (/checksum/i.test(getErrorMessage(error))) return { ok: false, error: "The words are valid but the phrase's checksum is wrong: check the word order and spelling" };
    return { ok: false, error: "Some words are not in the BIP-39 English word list: check the spelling" };
  }
}

export async function generateMnemonicWallet(prefix = "akash"): Promise<{ mnemonic: string; wallet: DirectSecp256k1HdWallet; address: string }> {
  const wallet = await DirectSecp256k1HdWallet.generate(24, { prefix });
  const [account] = await wallet.getAccounts();
  return { mnemonic: wallet.mnemonic, wallet, address: account!.address };
}

export async function walletFromMnemonic(mnemonic: string, prefix = "akash"): Promise<{ wallet: DirectSecp256k1HdWallet; address: string }> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix });
  const [account] = await wallet.getAccounts();
  return { wallet, address: account!.address };
}
