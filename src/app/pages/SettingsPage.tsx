import { Trans } from '@lingui/react/macro';
import { AiSettingsForm } from '../components/AiSettingsForm';
import { BackgroundInfo } from '../components/BackgroundInfo';
import { DataModelSettings } from '../components/DataModelSettings';
import { EmailSettingsForm } from '../components/EmailSettingsForm';
import { LanguageForm } from '../components/LanguageForm';
import { NotificationsForm } from '../components/NotificationsForm';
import { RunHistoryForm } from '../components/RunHistoryForm';
import { SecretsForm } from '../components/SecretsForm';
import { YourDataSettings } from '../components/YourDataSettings';

/** Settings: the data model, then one section per setting (each its own component). */
export function SettingsPage() {
  return (
    <section className="page" aria-labelledby="settings-title">
      <header className="page-header">
        <h1 id="settings-title">
          <Trans>Settings</Trans>
        </h1>
      </header>
      <LanguageForm />
      <DataModelSettings />
      <YourDataSettings />
      <EmailSettingsForm />
      <AiSettingsForm />
      <SecretsForm />
      <NotificationsForm />
      <RunHistoryForm />
      <BackgroundInfo />
    </section>
  );
}
