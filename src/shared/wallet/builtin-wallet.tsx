/** The built-in devnet wallet: create or import a mnemonic, encrypted in this browser with a password. */
import { useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { networkKey, useNetwork } from "@/shared/network";
import { shortenAddress } from "@/lib/format/coins";
import { checkPassword, parseVaultRecord, type VaultRecord } from "@/lib/wallet/vault";
import { useWallet } from "./wallet-context";
import { getErrorMessage } from "@/lib/errors";
import { TabList, TabPanel } from "@/components/ui/tabs";
import { builtinWalletFrom, endBuiltinSession, startBuiltinSession, vaultStorageKey } from "./builtin-session";

const vaultKey = vaultStorageKey;

export function useBuiltinVault(): { record: VaultRecord | null; refresh: () => void } {
  const { network } = useNetwork();
  const [version, setVersion] = useState(0);
  const key = vaultKey(network.id);
  // `version` re-reads storage after a save or removal.
  const record = useMemo(() => (version >= 0 ? parseVaultRecord(localStorage.getItem(key)) : null), [key, version]);
  return { record, refresh: () => setVersion((v) => v + 1) };
}

export function BuiltinWalletPanel() {
  const { record, refresh } = useBuiltinVault();
  const [mode, setMode] = useState<"create" | "import">("create");
  if (record) return <UnlockForm record={record} onForget={refresh} />;
  return (
    <div className="flex flex-col gap-4">
      <TabList
        label="Built-in wallet"
        idPrefix="builtin-wallet"
        tabs={[
          { id: "create", label: "Create new" },
          { id: "import", label: "Import phrase" },
        ]}
        selected={mode}
        onSelect={setMode}
        className="grid grid-cols-2 gap-1 rounded-lg border-0 bg-surface-2 p-1"
        tabClassName={(selected) => `rounded-md px-3 py-1.5 text-sm font-medium ${selected ? "bg-surface shadow-sm" : "text-muted hover:text-fg"}`}
      />
      <TabPanel idPrefix="builtin-wallet" id={mode}>
        {mode === "create" ? <CreateForm onSaved={refresh} /> : <ImportForm onSaved={refresh} />}
      </TabPanel>
    </div>
  );
}

async function saveAndConnect(mnemonic: string, password: string, networkId: Parameters<typeof networkKey>[0], connect: ReturnType<typeof useWallet>["connectBuiltin"]) {
  const { encryptMnemonic } = await import("@/lib/wallet/vault");
  const wallet = await builtinWalletFrom(mnemonic);
  const { address } = wallet;
  const record = await encryptMnemonic(mnemonic, password, address);
  localStorage.setItem(vaultKey(networkId), JSON.stringify(record));
  // Before connecting: a reload right after still finds the tab's session.
  await startBuiltinSession(networkId, mnemonic, address);
  connect(wallet);
  toast.success("Built-in wallet ready", { description: shortenAddress(address) });
}

function PasswordFields({ password, confirm, setPassword, setConfirm, errors }: { password: string; confirm: string; setPassword: (v: string) => void; setConfirm: (v: string) => void; errors: { password?: string | null; confirm?: string | null } }) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField label="Password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} hint="Encrypts the phrase in this browser" />
      <TextField label="Confirm password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.confirm} />
    </div>
  );
}

function validatePasswords(password: string, confirm: string) {
  const passwordError = checkPassword(password);
  const confirmError = !passwordError && password !== confirm ? "Passwords do not match" : null;
  return { password: passwordError, confirm: confirmError, ok: !passwordError && !confirmError };
}

function CreateForm({ onSaved }: { onSaved: () => void }) {
  const { network } = useNetwork();
  const { connectBuiltin } = useWallet();
  const [mnemonic, setMnemonic] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ password?: string | null; confirm?: string | null }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function generate() {
    setBusy(true);
    try {
      const { generateMnemonicWallet } = await import("@/lib/wallet/mnemonic-wallet");
      setMnemonic((await generateMnemonicWallet()).mnemonic);
    } catch (error) {
      setFailure(getErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const check = validatePasswords(password, confirm);
    setErrors(check);
    if (!check.ok || !mnemonic) return;
    setBusy(true);
    try {
      await saveAndConnect(mnemonic, password, network.id, connectBuiltin);
      onSaved();
    } catch (error) {
      setFailure(getErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  if (!mnemonic) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm text-muted">A new 24-word recovery phrase is generated in this browser. It never leaves it unencrypted.</p>
        {failure && <Alert tone="error">{failure}</Alert>}
        <Button onClick={generate} loading={busy}>
          Generate recovery phrase
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <div>
        <p className="mb-2 text-sm font-medium" id="phrase-label">
          Your recovery phrase
        </p>
        <ol aria-labelledby="phrase-label" data-testid="recovery-phrase" className="grid grid-cols-3 gap-1.5 rounded-lg border border-border bg-surface-2 p-3 font-mono text-xs sm:grid-cols-4">
          {mnemonic.split(" ").map((word, i) => (
            <li key={i} className="flex gap-1.5">
              <span className="w-5 text-right text-muted select-none">{i + 1}</span>
              <span>{word}</span>
            </li>
          ))}
        </ol>
        <p className="mt-2 text-xs text-muted">Write it down. Anyone with these words controls the account; losing them and the password loses it.</p>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} className="size-4 accent-[var(--brand)]" />
        I have saved my recovery phrase
      </label>
      <PasswordFields password={password} confirm={confirm} setPassword={setPassword} setConfirm={setConfirm} errors={errors} />
      {failure && <Alert tone="error">{failure}</Alert>}
      <Button type="submit" disabled={!saved} loading={busy}>
        Create wallet
      </Button>
    </form>
  );
}

function ImportForm({ onSaved }: { onSaved: () => void }) {
  const { network } = useNetwork();
  const { connectBuiltin } = useWallet();
  const [phrase, setPhrase] = useState("");
  const [phraseError, setPhraseError] = useState<string | null>(null);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ password?: string | null; confirm?: string | null }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { checkMnemonic } = await import("@/lib/wallet/mnemonic-wallet");
    const checked = checkMnemonic(phrase);
    setPhraseError(checked.ok ? null : checked.error);
    const check = validatePasswords(password, confirm);
    setErrors(check);
    if (!checked.ok || !check.ok) return;
    setBusy(true);
    try {
      await saveAndConnect(checked.mnemonic, password, network.id, connectBuiltin);
      onSaved();
    } catch (error) {
      setFailure(getErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <TextAreaField label="Recovery phrase" rows={3} value={phrase} onChange={(e) => setPhrase(e.target.value)} error={phraseError} spellCheck={false} autoComplete="off" placeholder="12 or 24 words separated by spaces" />
      <PasswordFields password={password} confirm={confirm} setPassword={setPassword} setConfirm={setConfirm} errors={errors} />
      {failure && <Alert tone="error">{failure}</Alert>}
      <Button type="submit" loading={busy}>
        Import wallet
      </Button>
    </form>
  );
}

function UnlockForm({ record, onForget }: { record: VaultRecord; onForget: () => void }) {
  const { network } = useNetwork();
  const { connectBuiltin } = useWallet();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmForget, setConfirmForget] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError("Enter your password");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { decryptMnemonic, WrongPasswordError } = await import("@/lib/wallet/vault");
      try {
        const mnemonic = await decryptMnemonic(record, password);
        const wallet = await builtinWalletFrom(mnemonic);
        await startBuiltinSession(network.id, mnemonic, wallet.address);
        connectBuiltin(wallet);
        toast.success("Wallet unlocked");
      } catch (err) {
        setError(err instanceof WrongPasswordError ? "Wrong password. Try again." : getErrorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-muted">
        Saved wallet <span className="font-mono text-fg">{shortenAddress(record.address)}</span>
      </p>
      <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={error} autoFocus />
      <Button type="submit" loading={busy}>
        Unlock
      </Button>
      {confirmForget ? (
        <Alert
          tone="warn"
          title="Remove this wallet from this browser?"
          actions={
            <>
              <Button size="sm" variant="secondary" onClick={() => setConfirmForget(false)}>
                Keep
              </Button>
              <Button
                size="sm"
                variant="danger"
                onClick={() => {
                  localStorage.removeItem(vaultKey(network.id));
                  void endBuiltinSession(network.id);
                  onForget();
                  toast("Built-in wallet removed from this browser");
                }}
              >
                Remove
              </Button>
            </>
          }
        >
          Without its recovery phrase the account cannot be recovered.
        </Alert>
      ) : (
        <button type="button" onClick={() => setConfirmForget(true)} className="self-start text-sm text-muted underline-offset-2 hover:text-fg hover:underline">
          Forget this wallet
        </button>
      )}
    </form>
  );
}

