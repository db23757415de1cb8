/** `settings` row "ai": an OpenAI-compatible chat-completions endpoint. The key never leaves the device. */
export type { AiSettings } from './settings';
