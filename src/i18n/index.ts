import { addCatalogs } from './core';

/**
 * The UI's languages for the page and the engine worker: English in the bundle, Czech loaded
 * when chosen (a chunk of its own).
 */
addCatalogs({ cs: () => import('../locales/cs.po') });

export * from './core';
