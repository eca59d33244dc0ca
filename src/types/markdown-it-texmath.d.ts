// markdown-it-texmath ships no types; this is the part of its plugin signature we use.
declare module 'markdown-it-texmath' {
  import type MarkdownIt from 'markdown-it';

  const texmath: MarkdownIt.PluginWithOptions<{
    engine: unknown;
    delimiters?: string | string[];
    katexOptions?: Record<string, unknown>;
  }>;
  export default texmath;
}
