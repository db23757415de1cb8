import { readObjects } from '../hooks';
import { i18n } from '@lingui/core';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useState } from 'react';
import { db } from '../../client/db';
import { tableClient } from '../../client/tableClient';
import type { TitleMatch } from '../../db/tableIndex';
import { useManualWorkflows } from '../manualWorkflows';
import { PAGES } from '../pages';
import { navigate } from '../router';
import { useRunWorkflow } from '../useRunWorkflow';
import { listKeys } from './searchList';
import { Modal } from './Modal';

interface Command {
  id: string;
  label: string;
  hint: string;
  run: () => void;
}

/** Ctrl/Cmd+K: jump to any page, workflow or record, or run a manual workflow. */
export function CommandMenu() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // What it searches is read only while it is open (it starts empty each time).
  return (
    <Modal open={open} title={t`Go to or run…`} onClose={() => setOpen(false)}>
      <CommandSearch onDone={() => setOpen(false)} />
    </Modal>
  );
}

function CommandSearch({ onDone }: { onDone: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const runWorkflow = useRunWorkflow();
  const manual = useManualWorkflows().filter((m) => m.availability === 'GLOBAL');
  const objects = useLiveQuery(readObjects, [], []);
  const workflows = useLiveQuery(() => db.workflows.toArray(), [], []);
  const q = query.trim().toLowerCase();
  // Records by title, searched in the table worker's index (no scan of every record per key;
  // the first search in a big workspace waits for the index to be made).
  const [found, setFound] = useState<{ q: string; records: TitleMatch[] }>({ q: '', records: [] });
  useEffect(() => {
    if (q.length < 2 || objects.length === 0) return;
    let on = true;
    tableClient()
      .titles(
        objects.map((o) => o.name),
        q,
        8,
        i18n.locale,
      )
      .then(
        (records) => on && setFound({ q, records }),
        (error: unknown) => {
          console.error(error);
          if (on) setFound({ q, records: [] });
        },
      );
    return () => {
      on = false;
    };
  }, [q, objects]);
  const records = q.length < 2 ? [] : found.records;
  const searching = q.length >= 2 && found.q !== q;

  const commands = useMemo<Command[]>(() => {
    const go = (to: string) => () => navigate(to);
    const all: Command[] = [
      ...manual.map((m) => ({
        id: `run-${m.workflow.id}`,
        label: t`Run “${m.workflow.name}”`,
        hint: t`Manual workflow`,
        run: () => void runWorkflow(m.workflow.id, m.workflow.name),
      })),
      ...objects.map((o) => ({
        id: `obj-${o.name}`,
        label: o.labelPlural,
        hint: t`Records`,
        run: go(`/objects/${o.name}`),
      })),
      ...PAGES.flatMap((p) =>
        p.nav ? [{ id: `page-${p.pattern}`, label: i18n._(p.nav.label), hint: t`Page`, run: go(p.pattern) }] : [],
      ),
      ...workflows.map((w) => ({ id: `wf-${w.id}`, label: w.name, hint: t`Workflow`, run: go(`/workflows/${w.id}`) })),
      ...records.map((r) => ({
        id: `rec-${r.id}`,
        label: r.title,
        hint: objects.find((o) => o.name === r.object)?.labelSingular ?? r.object,
        run: go(`/objects/${r.object}/${r.id}`),
      })),
    ];
    // Records match on their title, as the search read them; until the search for what is typed
    // now answers, the last one's records are still here and only those that still match show
    // (Enter on a stale list would open a record that no longer matches).
    return all
      .filter((c) =>
        c.id.startsWith('rec-')
          ? c.label.toLowerCase().includes(q)
          : !q || c.label.toLowerCase().includes(q) || c.hint.toLowerCase().includes(q),
      )
      .slice(0, 30);
  }, [manual, objects, workflows, records, q, runWorkflow]);

  const choose = (c: Command | undefined) => {
    if (!c) return;
    onDone();
    c.run();
  };

  return (
    <>
      <input
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-label={t`Search pages, workflows and records`}
        aria-activedescendant={commands[active] ? `${listId}-${commands[active].id}` : undefined}
        autoFocus
        value={query}
        placeholder={t`Type to search…`}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={listKeys(commands.length, active, setActive, (i) => choose(commands[i]))}
      />
      <ul id={listId} role="listbox" aria-label={t`Results`} className="command-list">
        {commands.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            role="option"
            aria-selected={i === active}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(c)}
          >
            <span>{c.label}</span> <span className="muted small">{c.hint}</span>
          </li>
        ))}
        {commands.length === 0 && !searching && (
          <li className="muted">
            <Trans>Nothing matches.</Trans>
          </li>
        )}
      </ul>
      {searching && (
        <p className="muted small" role="status">
          <Trans>Searching records…</Trans>
        </p>
      )}
      <p className="muted small">
        <Trans>↑ ↓ to move, Enter to open, Esc to close.</Trans>
      </p>
    </>
  );
}
