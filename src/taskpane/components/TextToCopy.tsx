import { Button, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import { useI18n } from "../i18n";

const useStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  text: { fontFamily: tokens.fontFamilyMonospace, minHeight: "12em" },
});

/** An export shown as text, selected, for the planner to copy where nothing can download (Excel on Mac). */
export function TextToCopy(props: { name: string; text: string; onDone(): void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    area.current?.focus();
    area.current?.select();
  }, [props.text]);
  return (
    <div className={styles.box} data-testid="text-to-copy">
      <Field label={t.toCopyLabel(props.name)}>
        <Textarea
          ref={area}
          className={styles.text}
          value={props.text}
          readOnly
          resize="vertical"
        />
      </Field>
      <div>
        <Button onClick={props.onDone}>{t.toCopyClose}</Button>
      </div>
    </div>
  );
}
