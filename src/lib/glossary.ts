/**
 * The console's words, explained once: short plain-language definitions shown inline next to the term
 * (components/ui/term.tsx), and readable names for the chain's message types and price sources.
 */

export interface GlossaryEntry {
  /** How the term is written in the console. */
  term: string;
  /** One or two sentences a newcomer can act on. */
  explanation: string;
}

export const GLOSSARY = {
  dseq: {
    term: "DSEQ",
    explanation: "Deployment sequence number: the number that identifies one of your deployments on the chain (usually the block height at which it was created).",
  },
  lease: {
    term: "lease",
    explanation: "The agreement between you and one provider to run your deployment at the price of the bid you accepted. It is paid from the deployment's escrow every block until it closes.",
  },
  escrow: {
    term: "escrow",
    explanation: "The deposit held by the chain for a deployment. Leases are paid from it block by block; when it runs out the leases close. Closing the deployment returns what is left.",
  },
  deposit: {
    term: "deposit",
    explanation: "What you put into a deployment's escrow when you create it (or top it up). It is not spent at once: it pays the lease over time and the rest comes back when you close.",
  },
  audited: {
    term: "audited",
    explanation: "An auditor you trust has signed this provider's attributes (region, hardware, …) after checking them. Unaudited providers describe themselves, unchecked.",
  },
  maxPrice: {
    term: "max price per block",
    explanation: "The most you accept to pay each block (a block is a few seconds). Providers bid at or below it; the console shows it per hour and per month too.",
  },
  uact: {
    term: "uact",
    explanation: "Micro-ACT: one millionth of an ACT. Prices on the chain are written in uact per block; 1,000,000 uact = 1 ACT = 1 USD.",
  },
  act: {
    term: "ACT",
    explanation: "Akash Compute Token: what deployments are paid in. It is pegged to 1 USD and minted by burning AKT; it cannot be sent to other accounts.",
  },
  akt: {
    term: "AKT",
    explanation: "The Akash Network's token. It pays transaction fees and is burned to mint ACT; its USD price moves with the market.",
  },
  storageClass: {
    term: "storage class",
    explanation: "The kind of disk behind persistent storage: beta1 is HDD, beta2 is SSD, beta3 is NVMe (fastest), ram is memory that is lost on restart. A provider only bids if it offers the class you ask for.",
  },
  persistentStorage: {
    term: "persistent storage",
    explanation: "A volume that survives container restarts. It lives on the provider and is deleted with the lease: closing the deployment deletes its data.",
  },
  providerTier: {
    term: "tier",
    explanation: "A label a provider gives itself (for example \"community\"). It is not checked by anyone unless an auditor signed it; prefer the audited badge.",
  },
  bid: {
    term: "bid",
    explanation: "A provider's offer to run your deployment at a price per block. Accepting a bid creates a lease with that provider.",
  },
  manifest: {
    term: "manifest",
    explanation: "The description of your services (images, ports, environment) sent straight to the provider after the lease starts. The chain only stores its hash.",
  },
  oracleTwap: {
    term: "oracle TWAP",
    explanation: "The AKT/USD price from the chain's price oracle, averaged over time (time-weighted average price), so one trade cannot move it.",
  },
} as const satisfies Record<string, GlossaryEntry>;

export type GlossaryId = keyof typeof GLOSSARY;

export function glossaryEntry(id: GlossaryId): GlossaryEntry {
  return GLOSSARY[id];
}

/** What each Akash message does, in the words a person would use (never a type URL). */
const MESSAGE_LABELS: Record<string, string> = {
  MsgCreateDeployment: "Create deployment",
  MsgUpdateDeployment: "Update deployment",
  MsgCloseDeployment: "Close deployment",
  MsgDepositDeployment: "Top up deployment",
  MsgAccountDeposit: "Top up deployment",
  MsgCloseGroup: "Close deployment group",
  MsgPauseGroup: "Pause deployment group",
  MsgStartGroup: "Start deployment group",
  MsgCreateLease: "Accept bid",
  MsgCloseLease: "Close lease",
  MsgWithdrawLease: "Withdraw lease earnings",
  MsgCreateBid: "Place bid",
  MsgCloseBid: "Withdraw bid",
  MsgCreateCertificate: "Create certificate",
  MsgRevokeCertificate: "Revoke certificate",
  MsgMintACT: "Mint ACT",
  MsgBurnACT: "Burn ACT",
  MsgBurnMint: "Convert tokens",
  MsgSend: "Send tokens",
  MsgMultiSend: "Send tokens",
  MsgGrant: "Grant permission",
  MsgRevoke: "Revoke permission",
  MsgExec: "Act for another account",
  MsgSignProviderAttributes: "Sign provider attributes",
  MsgDeleteProviderAttributes: "Remove provider attributes",
  MsgDelegate: "Stake",
  MsgUndelegate: "Unstake",
  MsgWithdrawDelegatorReward: "Claim staking rewards",
  MsgVote: "Vote",
};

/** "/akash.deployment.v1beta4.MsgUpdateDeployment" → "Update deployment"; unknown types get their name in words. */
export function messageLabel(typeUrl: string): string {
  const name = typeUrl.split(".").pop() ?? typeUrl;
  return MESSAGE_LABELS[name] ?? (name.replace(/^Msg/, "").replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase()) || typeUrl);
}

/** Where an AKT price came from, for a person: "oracle twap" → "price oracle, time-weighted average". */
export function priceSourceLabel(source: string): string {
  switch (source) {
    case "oracle twap":
      return "price oracle, time-weighted average";
    case "oracle median":
      return "price oracle, median";
    case "bme status":
      return "the mint module's reference price";
    case "last BME settlement":
      return "the last mint settled on chain";
    default:
      return source;
  }
}
