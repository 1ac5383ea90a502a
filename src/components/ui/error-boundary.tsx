import { Component, type ErrorInfo, type ReactNode } from "react";
import { getErrorMessage } from "@/lib/errors";
import { Alert } from "./alert";
import { Button } from "./button";

export interface ErrorBoundaryProps {
  /** What crashed, as a person would name it: "The SDL editor", "Logs". */
  label: string;
  /** What is safe and what to do, shown under the error (e.g. "Your text is kept."). */
  hint?: ReactNode;
  /** Called before the children render again after "Try again". */
  onReset?: () => void;
  children: ReactNode;
}

/**
 * A crash in one panel (the editor, a log stream, a terminal) shows what happened and a "Try again" in its
 * place, instead of taking the page down with it. "Try again" renders the children afresh.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`${this.props.label} crashed`, error, info.componentStack);
  }

  private readonly reset = () => {
    this.props.onReset?.();
    this.setState({ error: null, failed: false });
  };

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert
        tone="error"
        title={`${this.props.label} stopped working`}
        actions={
          <Button variant="secondary" size="sm" onClick={this.reset}>
            Try again
          </Button>
        }
      >
        <p>{getErrorMessage(this.state.error)}</p>
        {this.props.hint && <p className="mt-1">{this.props.hint}</p>}
      </Alert>
    );
  }
}
