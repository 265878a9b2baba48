import { Caption1, Field, Input, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useState } from "react";
import { useI18n, type Language } from "../i18n";
import { isValidYear, MAX_YEAR, MIN_YEAR } from "../lib/settings";
import { useViewStyles } from "./styles";

export interface SettingsViewProps {
  asOfYear: number;
  onAsOfYear(year: number): void;
  onLanguage(language: Language): void;
}

export function SettingsView(props: SettingsViewProps) {
  const { t, language } = useI18n();
  const v = useViewStyles();
  const [text, setText] = useState(String(props.asOfYear));
  // The year chosen elsewhere (or saved) replaces what is typed: adjusted while rendering, not in an effect.
  const [shownYear, setShownYear] = useState(props.asOfYear);
  if (shownYear !== props.asOfYear) {
    setShownYear(props.asOfYear);
    setText(String(props.asOfYear));
  }
  const year = Number(text.trim());
  const valid = text.trim() !== "" && isValidYear(year);

  return (
    <section className={v.view} aria-labelledby="heading-settings">
      <h2 id="heading-settings" className={v.heading}>
        {t.settingsHeading}
      </h2>
      <Field
        label={t.asOfYear}
        hint={valid ? t.asOfYearHint : undefined}
        validationState={valid ? "none" : "error"}
        validationMessage={valid ? undefined : t.asOfYearInvalid}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={MIN_YEAR}
          max={MAX_YEAR}
          value={text}
          data-testid="as-of-year"
          onChange={(_, d) => {
            setText(d.value);
            const n = Number(d.value.trim());
            if (d.value.trim() !== "" && isValidYear(n)) props.onAsOfYear(n);
          }}
        />
      </Field>
      <Field label={t.language}>
        <RadioGroup value={language} onChange={(_, d) => props.onLanguage(d.value === "km" ? "km" : "en")} data-testid="language">
          <Radio value="en" label={t.languageEnglish} lang="en" />
          <Radio value="km" label={t.languageKhmer} lang="km" />
        </RadioGroup>
      </Field>
      <Caption1>
        <Text size={200}>{t.settingsSaved}</Text>
      </Caption1>
    </section>
  );
}
