import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractCodeLinks, normaliseCodeLink } from './code-links.js';

describe('extractCodeLinks', () => {
  it('finds, normalises and deduplicates repository links', () => {
    const abstract =
      'Code is at https://github.com/Foo/Bar.git. See also github.com/foo/bar/tree/main/src, and the';
    const comments =
      'Project page: https://foo.github.io/bar/. Models: https://huggingface.co/FooOrg/bar-7b. Data at https://gitlab.com/grp/proj.';
    assert.deepEqual(extractCodeLinks(abstract, comments), [
      { kind: 'github', url: 'https://github.com/Foo/Bar' },
      { kind: 'project', url: 'https://foo.github.io/bar' },
      { kind: 'huggingface', url: 'https://huggingface.co/FooOrg/bar-7b' },
      { kind: 'gitlab', url: 'https://gitlab.com/grp/proj' },
    ]);
  });

  it('rejoins URLs wrapped across lines and unescapes LaTeX', () => {
    assert.deepEqual(extractCodeLinks('available at https://github.com/some-\n  org/my\\_repo'), [
      { kind: 'github', url: 'https://github.com/some-org/my_repo' },
    ]);
  });

  it('ignores arXiv, DOI, licence and file links', () => {
    assert.deepEqual(
      extractCodeLinks(
        'see https://arxiv.org/abs/2401.1 https://doi.org/10.1/x http://creativecommons.org/licenses/by/4.0/ https://x.org/paper.pdf',
      ),
      [],
    );
  });

  it('classifies Hugging Face spaces and datasets, skips HF paper pages', () => {
    assert.deepEqual(normaliseCodeLink('https://huggingface.co/spaces/a/b?x=1'), {
      kind: 'huggingface',
      url: 'https://huggingface.co/spaces/a/b',
    });
    assert.equal(normaliseCodeLink('https://huggingface.co/papers/2401.00001'), undefined);
  });

  it('returns nothing for malformed input', () => {
    assert.equal(normaliseCodeLink('https://'), undefined);
    assert.equal(normaliseCodeLink('https://github.com/onlyowner'), undefined);
    assert.deepEqual(extractCodeLinks(undefined, '', 'no links here'), []);
  });
});
