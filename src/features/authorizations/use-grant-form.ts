import { useState, type FormEvent } from "react";
import type { TxResult } from "@/lib/tx/signing";
import type { FormResult } from "./grant-form";

/** What the dialogs need of their grant mutation (a React Query `useMutation` result). */
export interface GrantMutation<T> {
  mutate: (request: T, options: { onSuccess: (tx: TxResult | null) => void }) => void;
  reset: () => void;
}

/**
 * The part the grant dialogs share: errors shown once the user has tried to submit, a submit that sends only a
 * checked form, and a dismiss that forgets the last attempt. `onSent` runs after the transaction was included
 * (not when the wallet was cancelled), just before the dialog closes.
 */
export function useGrantForm<T>(check: (now: number) => FormResult<T>, grant: GrantMutation<T>, onClose: () => void, onSent?: () => void) {
  const [touched, setTouched] = useState(false);
  // When the dialog opened: "in the future" is judged against it (render stays pure).
  const [now] = useState(() => Date.now());
  const checked = check(now);
  const errors: Partial<Record<string, string>> = touched && !checked.ok ? checked.errors : {};

  function dismiss() {
    grant.reset();
    setTouched(false);
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!checked.ok) return;
    grant.mutate(checked.value, {
      onSuccess: (tx) => {
        if (!tx) return;
        onSent?.();
        dismiss();
      },
    });
  }

  return { checked, errors, dismiss, submit };
}
