/** `settings` row "ai": an OpenAI-compatible chat-completions endpoint. The key never leaves the device. */
export interface AiSettings { baseUrl: string; model: string; apiKey: string }
