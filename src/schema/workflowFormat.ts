/**
 * The workflow format's name and current version, with no validator attached: the engine's
 * hosts (worker, service worker) stamp and read stored shapes without loading zod.
 */
export const WORKFLOW_FORMAT = 'localflow.workflow';
export const WORKFLOW_FORMAT_VERSION = 2;
