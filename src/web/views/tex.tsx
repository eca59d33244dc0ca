// JSX wrappers over the LaTeX renderer: `<Tex text=…/>` emits typeset, escaped HTML.
import { raw } from 'hono/html';
import type { Segment } from '../../model/tex-segments.js';
import type { RenderOptions } from './latex.js';
import { renderLatex, renderSegments } from './latex.js';

export const Tex = (props: { text: string } & RenderOptions) => raw(renderLatex(props.text, props));

export const TexSegments = (props: { segments: Segment[] } & RenderOptions) =>
  raw(renderSegments(props.segments, props));
