import type { ComponentType } from 'react';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { Trigger, TriggerType } from '../../schema/workflow';
import type { TriggerOfType } from '../../engine/triggers/types';

export type TriggerStart = Pick<Trigger, 'type' | 'name' | 'settings'>;

/** What a trigger's settings form is given. */
export interface TriggerFormProps<T extends TriggerType> {
  trigger: TriggerOfType<T>;
  onChange(trigger: Trigger): void;
  objects: ObjectMetadata[];
  workflowId: string;
  /** Saves the draft (the webhook form does before it calls its own test URL). */
  saveDraft(): Promise<void>;
}

/**
 * What the app shows for one trigger type, in its own file (`app/triggers/<type>.tsx`) and
 * registered in `app/triggers/index.ts`, a mapped type over the trigger types. What the engine
 * does with it is its other half, `engine/triggers/<type>.ts`.
 */
export interface TriggerUi<T extends TriggerType> {
  /** How it starts, in the "Starts" choice. */
  label: string;
  /** A trigger of this type as a person first sees it (`firstObject`: the first object in the data model). */
  create(firstObject: string): Pick<TriggerOfType<T>, 'type' | 'name' | 'settings'>;
  /** How a new workflow may start with it, as the editor's first question offers it. */
  starts: { label: string; description: string; create(firstObject: string): TriggerStart }[];
  Form: ComponentType<TriggerFormProps<T>>;
}
