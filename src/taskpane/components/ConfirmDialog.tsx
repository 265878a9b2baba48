import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../i18n";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /** Where focus goes when the dialog closes and the control that opened it is gone. */
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * A question before something that cannot be taken back: it opens on Cancel (Enter does not
 * confirm by accident), and on closing gives focus back to the control that opened it.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useI18n();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { open, fallbackFocus } = props;
  const [wasOpen, setWasOpen] = useState(false);
  const [opener, setOpener] = useState<HTMLElement | null>(null);
  // The opener is whoever has focus as the dialog is about to open: read during that render,
  // before the dialog's own effects move focus into it (state adjusted while rendering).
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open && typeof document !== "undefined") {
      const active = document.activeElement;
      setOpener(active instanceof HTMLElement && active !== document.body ? active : null);
    }
  }

  useEffect(() => {
    if (!open) return;
    // After the dialog's own first-focus (which picks the first button): Cancel instead.
    const frame = requestAnimationFrame(() => cancelRef.current?.focus());
    return () => {
      cancelAnimationFrame(frame);
      const back = opener && opener.isConnected ? opener : (fallbackFocus?.() ?? null);
      // Once the dialog has left the page, or its focus trap takes focus back.
      setTimeout(() => back?.focus(), 0);
    };
  }, [open, fallbackFocus, opener]);

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && props.onCancel()} modalType="alert">
      <DialogSurface aria-describedby={bodyId}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent id={bodyId}>{props.body}</DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={props.onConfirm}
              data-testid="confirm-dialog-confirm"
            >
              {props.confirmLabel}
            </Button>
            <Button ref={cancelRef} onClick={props.onCancel} data-testid="confirm-dialog-cancel">
              {t.cancel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
