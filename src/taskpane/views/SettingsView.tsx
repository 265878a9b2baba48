import {
  Button,
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Switch,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { setAsOfYear } from "../../host/as-of";
import { useI18n, type Language } from "../i18n";
import { isValidYear, MAX_YEAR, MIN_YEAR } from "../lib/settings";
import { usePane } from "../state";
import { useViewStyles } from "./styles";

const useStyles = makeStyles({
  yearRow: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
  },
  year: { width: "8em", minWidth: 0 },
});

export interface SettingsViewProps {
  onLanguage(language: Language): void;
  checkAsYouType: boolean;
  onCheckAsYouType(on: boolean): void;
}

/** The As of year is the workbook's (Framework table): shown here, and saved into the workbook. */
function AsOfYearField() {
  const { t } = useI18n();
  const pane = usePane();
  const styles = useStyles();
  const { host, busy, run, dispatch } = pane;
  const current = pane.asOfYear;
  const [text, setText] = useState(String(current));
  // The workbook's year changed (read, saved): it replaces what is typed, adjusted while rendering.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setText(String(current));
  }
  const year = Number(text.trim());
  const valid = text.trim() !== "" && isValidYear(year);
  const canSave = !!host && !busy && valid && year !== current;

  const save = () => {
    if (!canSave) return;
    void run(async ({ host: h }) => {
      // The Framework table is written (its backup replaces the import's): findings and numbers
      // counted from the old year are dropped with it.
      dispatch({ type: "writing" });
      const { asOfYear: written, tables } = await setAsOfYear(h, year);
      dispatch({ type: "written", tables, undoImport: false });
      pane.setNotice((tt) => tt.asOfYearSaved(written));
    });
  };

  return (
    <Field
      label={t.asOfYear}
      hint={valid ? (host ? t.asOfYearHint : t.asOfYearNoWorkbook) : undefined}
      validationState={valid ? "none" : "error"}
      validationMessage={valid ? undefined : t.asOfYearInvalid}
    >
      <div className={styles.yearRow}>
        <Input
          className={styles.year}
          type="number"
          inputMode="numeric"
          min={MIN_YEAR}
          max={MAX_YEAR}
          value={text}
          disabled={!host}
          data-testid="as-of-year"
          onChange={(_, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") save();
          }}
        />
        <Button onClick={save} disabled={!canSave} data-testid="as-of-save">
          {t.asOfYearSave}
        </Button>
      </div>
    </Field>
  );
}

export function SettingsView(props: SettingsViewProps) {
  const { t, language } = useI18n();
  const v = useViewStyles();
  const inExcel = usePane().mode === "excel";

  return (
    <section className={v.view} aria-labelledby="heading-settings">
      <h2 id="heading-settings" className={v.heading}>
        {t.settingsHeading}
      </h2>
      <AsOfYearField />
      <Field label={t.language}>
        <RadioGroup
          value={language}
          onChange={(_, d) => props.onLanguage(d.value === "km" ? "km" : "en")}
          data-testid="language"
        >
          <Radio value="en" label={t.languageEnglish} lang="en" />
          <Radio value="km" label={t.languageKhmer} lang="km" />
        </RadioGroup>
      </Field>
      <Field hint={inExcel ? t.checkAsYouTypeHint : t.checkAsYouTypeFileHint}>
        <Switch
          label={t.checkAsYouType}
          checked={inExcel && props.checkAsYouType}
          disabled={!inExcel}
          onChange={(_, d) => props.onCheckAsYouType(d.checked)}
          data-testid="check-as-you-type"
        />
      </Field>
      <Caption1>
        <Text size={200}>{t.settingsSaved}</Text>
      </Caption1>
    </section>
  );
}
