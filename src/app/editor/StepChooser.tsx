import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useId, useRef } from 'react';
import type { StepType } from '../../schema/workflow';
import { listKeys, useSearchList } from '../components/searchList';
import { Modal } from '../components/Modal';
import { STEP_TYPES, stepUi } from '../steps';
import type { StepGroup } from '../steps/types';

const GROUPS: StepGroup[] = ['Records', 'Flow', 'Core', 'Human input', 'AI'];

/** A group's heading in the UI's language (Twenty's group names). */
function groupLabel(group: StepGroup): string {
  switch (group) {
    case 'Records':
      return t`Records`;
    case 'Flow':
      return t`Flow`;
    case 'Core':
      return t`Core`;
    case 'Human input':
      return t`Human input`;
    case 'AI':
      return t`AI`;
  }
}

/**
 * The list of step types to choose from, grouped as Twenty groups them and searchable:
 * typing filters, arrow keys move, Enter picks, Escape closes.
 */
export function StepChooser({
  title,
  current,
  onPick,
  onClose,
}: {
  title: string;
  /** When changing a step's type: its type now (marked, not offered). */
  current?: StepType;
  onPick: (type: StepType) => void;
  onClose: () => void;
}) {
  const id = useId();
  const { query, active, setActive, search, matches: holds } = useSearchList();
  const list = useRef<HTMLDivElement>(null);
  const matches = (type: StepType) => {
    const ui = stepUi(type);
    return type !== current && holds(`${ui.label} ${ui.description} ${groupLabel(ui.group)}`);
  };
  const groups = GROUPS.map((g) => ({
    group: g,
    types: STEP_TYPES.filter((type) => stepUi(type).group === g && matches(type)),
  }));
  const flat = groups.flatMap((g) => g.types);
  const at = Math.min(active, flat.length - 1);
  const move = (to: number) => {
    setActive(to);
    list.current?.querySelector(`#${CSS.escape(`${id}-${flat[to]}`)}`)?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <Modal open title={title} onClose={onClose}>
      <input
        type="search"
        role="combobox"
        aria-label={t`Search step types`}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={at >= 0 ? `${id}-${flat[at]}` : undefined}
        placeholder={t`Search: record, email, loop…`}
        value={query}
        onChange={(e) => search(e.target.value)}
        onKeyDown={listKeys(flat.length, at, move, (i) => onPick(flat[i]))}
      />
      <div role="listbox" id={`${id}-list`} aria-label={t`Step types`} className="step-chooser" ref={list}>
        {groups
          .filter((g) => g.types.length > 0)
          .map((g) => (
            <div key={g.group} role="group" aria-labelledby={`${id}-g-${GROUPS.indexOf(g.group)}`}>
              <div id={`${id}-g-${GROUPS.indexOf(g.group)}`} className="step-chooser-group" role="presentation">
                {groupLabel(g.group)}
              </div>
              {g.types.map((t) => {
                const ui = stepUi(t);
                const i = flat.indexOf(t);
                return (
                  <div
                    key={t}
                    id={`${id}-${t}`}
                    role="option"
                    aria-selected={i === at}
                    className={`step-chooser-option${i === at ? ' active' : ''}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseMove={() => i !== at && setActive(i)}
                    onClick={() => onPick(t)}
                  >
                    <strong>{ui.label}</strong>
                    <span className="muted small">{ui.description}</span>
                  </div>
                );
              })}
            </div>
          ))}
        {flat.length === 0 && (
          <p className="muted">
            <Trans>No step type matches “{query}”.</Trans>
          </p>
        )}
      </div>
    </Modal>
  );
}
