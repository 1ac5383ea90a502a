import { useCallback, useMemo, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { useNetwork } from "@/shared/network";
import { useWallet } from "@/shared/wallet";
import { listCertificates } from "@/lib/chain/cert";
import { accountKeys } from "@/shared/chain-data/keys";
import { buildCreateCertificateMsg, buildRevokeCertificateMsg } from "./chain";
import { getDeviceKey, openKey, sealKey } from "./key-vault";
import { readLocalCertificates, removeLocalCertificate, saveLocalCertificate } from "./local-store";
import { activeCertificate, credentialProblem, joinCertificates, type CertificateRow, type LocalCertificate } from "./model";
import { getErrorMessage } from "@/lib/errors";

export const certificateKeys = {
  list: accountKeys.certificates,
  local: (networkId: string, owner: string) => ["local", networkId, "certificates", owner] as const,
};

const aadFor = (owner: string, serial: string) => `${owner}/${serial}`;

async function parseValidity(certPem: string): Promise<{ serial: string; notBefore: string; notAfter: string }> {
  const { certificateManager } = await import("@akashnetwork/chain-sdk/web");
  const info = await certificateManager.parsePem(certPem);
  return { serial: BigInt(`0x${info.hSerial}`).toString(10), notBefore: info.issuedOn.toISOString(), notAfter: info.expiresOn.toISOString() };
}

export interface UseCertificates {
  rows: CertificateRow[];
  active: CertificateRow | null;
  problem: ReturnType<typeof credentialProblem>;
  loading: boolean;
  error: Error | null;
  busy: boolean;
  create: () => Promise<boolean>;
  revoke: (serials: string[]) => Promise<boolean>;
  /** Revoke the expired/revoked/old certificate(s) and create a new one in one transaction. */
  renew: () => Promise<boolean>;
  /** Certificate + decrypted private key (PEM), only for a certificate this browser holds. */
  unlock: (serial: string) => Promise<{ certPem: string; keyPem: string } | null>;
}

export function useCertificates(): UseCertificates {
  const { network } = useNetwork();
  const { wallet, send } = useWallet();
  const owner = wallet?.address ?? "";
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  // Shared by every component that uses certificates, so a change made in one shows everywhere.
  const localQuery = useQuery({
    queryKey: certificateKeys.local(network.id, owner),
    queryFn: () => readLocalCertificates(network.id, owner),
    enabled: Boolean(owner),
    staleTime: Infinity,
  });
  const local = useMemo(() => localQuery.data ?? [], [localQuery.data]);
  const setLocalVersion = useCallback(() => void queryClient.invalidateQueries({ queryKey: certificateKeys.local(network.id, owner) }), [queryClient, network.id, owner]);

  const query = useQuery({
    queryKey: certificateKeys.list(network.id, owner),
    enabled: Boolean(owner),
    refetchInterval: 30_000,
    queryFn: async ({ signal }) => {
      const chain = await listCertificates(network.restUrl, owner, signal);
      const validity = new Map<string, { notBefore: string; notAfter: string }>();
      await Promise.all(
        chain.map(async (c) => {
          try {
            const v = await parseValidity(c.certPem);
            validity.set(c.serial, v);
          } catch {
            // An unparsable certificate still shows its chain state.
          }
        }),
      );
      return { chain, validity };
    },
  });

  const rows = useMemo(() => joinCertificates(query.data?.chain ?? [], local, query.data?.validity ?? new Map(), new Date()), [query.data, local]);
  const active = activeCertificate(rows);
  const problem = query.data ? credentialProblem(rows) : null;

  const generate = useCallback(async (): Promise<LocalCertificate> => {
    const { certificateManager } = await import("@akashnetwork/chain-sdk/web");
    const pem = await certificateManager.generatePEM(owner);
    const validity = await parseValidity(pem.cert);
    const sealedKey = await sealKey(await getDeviceKey(), pem.privateKey, aadFor(owner, validity.serial));
    return { owner, serial: validity.serial, certPem: pem.cert, pubkeyPem: pem.publicKey, sealedKey, notBefore: validity.notBefore, notAfter: validity.notAfter, createdAt: new Date().toISOString() };
  }, [owner]);

  const createWith = useCallback(
    async (revokeSerials: string[], title: string): Promise<boolean> => {
      if (!owner) return false;
      setBusy(true);
      try {
        const record = await generate();
        // Saved before signing: if the tx lands but the page dies, the key is not lost.
        saveLocalCertificate(network.id, record);
        setLocalVersion();
        const messages = [...revokeSerials.map((s) => buildRevokeCertificateMsg(owner, s)), buildCreateCertificateMsg(owner, record.certPem, record.pubkeyPem)];
        // A certificate moves no funds: the dialog says only the fee is paid.
        const result = await send(messages, { title, moves: [] });
        if (!result) {
          removeLocalCertificate(network.id, owner, record.serial);
          setLocalVersion();
          return false;
        }
        await query.refetch();
        return true;
      } catch (error) {
        toast.error("Could not create the certificate", { description: getErrorMessage(error) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [owner, generate, network.id, send, query, setLocalVersion],
  );

  const create = useCallback(() => createWith([], "Create certificate"), [createWith]);

  const revoke = useCallback(
    async (serials: string[]) => {
      if (!owner || serials.length === 0) return false;
      setBusy(true);
      try {
        const result = await send(
          serials.map((s) => buildRevokeCertificateMsg(owner, s)),
          { title: serials.length === 1 ? "Revoke certificate" : `Revoke ${serials.length} certificates`, moves: [] },
        );
        if (result) await query.refetch();
        return Boolean(result);
      } finally {
        setBusy(false);
      }
    },
    [owner, send, query],
  );

  const renew = useCallback(() => {
    const revokable = rows.filter((r) => r.onChain && r.status !== "revoked" && (r.hasKey || r.status === "expired")).map((r) => r.serial);
    return createWith(revokable, "Renew certificate");
  }, [rows, createWith]);

  const unlock = useCallback(
    async (serial: string) => {
      const record = readLocalCertificates(network.id, owner).find((c) => c.serial === serial);
      if (!record) return null;
      const keyPem = await openKey(await getDeviceKey(), record.sealedKey, aadFor(owner, serial));
      return { certPem: record.certPem, keyPem };
    },
    [network.id, owner],
  );

  return { rows, active, problem, loading: query.isPending && Boolean(owner), error: query.error, busy, create, revoke, renew, unlock };
}
