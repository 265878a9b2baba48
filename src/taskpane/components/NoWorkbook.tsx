import { Button, Text } from "@fluentui/react-components";
import { useI18n } from "../i18n";
import { usePane } from "../state";
import { useViewStyles } from "../views/styles";

/** What a view shows before there is a workbook: why it is empty, and the way to Set up. */
export function NoWorkbook(props: { text?: string }) {
  const { t } = useI18n();
  const pane = usePane();
  const v = useViewStyles();
  return (
    <div className={v.block} data-testid="no-workbook">
      <Text className={v.intro}>{props.text ?? t.noWorkbookBody}</Text>
      <div className={v.actions}>
        <Button onClick={() => pane.setTab("setup")}>{t.goToSetup}</Button>
      </div>
    </div>
  );
}
