import type { ComponentType } from 'react';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { StepOfType, StepType } from '../../schema/workflow';
import type { VariableOption } from '../editor/variables';

/** What a step's settings form is given. */
export interface StepFormProps<T extends StepType> {
  step: StepOfType<T>;
  /** Replaces the step's settings input. */
  setInput(input: object): void;
  /** Replaces the whole step (for settings beside its input). */
  setStep(step: StepOfType<T>): void;
  objects: ObjectMetadata[];
  byName: Map<string, ObjectMetadata>;
  /** The variables it may use (the trigger's and earlier steps' outputs). */
  options: VariableOption[];
}

/** A problem with a step's settings: what to do, in words, and the field it is about (its label on screen). */
export interface Problem {
  field?: string;
  message: string;
}

/** Where the step is listed when a person picks one. */
export type StepGroup = 'Records' | 'Flow' | 'Core' | 'Human input' | 'AI';

/**
 * What the app shows for one step type, in its own file (`app/steps/<type>.tsx`) and registered
 * in `app/steps/index.ts`, a mapped type over the step types. What the engine does with it is
 * its other half, `engine/steps/<type>.ts`.
 */
export interface StepUi<T extends StepType> {
  /** In a person's words; also a new step's name. */
  label: string;
  group: StepGroup;
  /** One line on what it does, shown in the step chooser. */
  description: string;
  /** Settings of a new step of this type (left blank where the person must choose). */
  defaultInput(): StepOfType<T>['settings']['input'];
  /** Its settings form. */
  Form: ComponentType<StepFormProps<T>>;
  /** What is wrong with its settings beyond the schema, in words, with the field it is about (shown next to it). */
  problems?(step: StepOfType<T>): Problem[];
}
