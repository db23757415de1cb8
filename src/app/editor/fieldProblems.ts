import { createContext, useContext } from 'react';

/** The selected step's problems by the label of the field they are about: each field shows its own. */
export const FieldProblems = createContext<ReadonlyMap<string, string>>(new Map());

/** The problem with the field labelled `label`, if any. */
export function useFieldProblem(label: string): string | undefined {
  return useContext(FieldProblems).get(label);
}
