#!/usr/bin/env node
// Writes tests/fixtures/mdx-headings/cases.json: headings written with inline JSX, HTML,
// expressions, explicit ids and Markdown markup, grouped into documents, each compiled by
// @mdx-js/mdx with the remark plugins Docusaurus 3 parses docs with (GFM, directives, MDX 1
// comments) and Docusaurus's own heading plugin, which runs github-slugger 1.5.0 over the
// heading's text. Recorded per heading: its level, its text and its anchor id.
// With --check, compares instead of writing and exits 1 on any difference.
//
// Usage: npm install && node record-headings.mjs [--check]
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { createProcessor } from '@mdx-js/mdx'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import gfm from 'remark-gfm'
import directive from 'remark-directive'
import comment from '@slorber/remark-comment'

const require = createRequire(import.meta.url)
const headings = require('@docusaurus/mdx-loader/lib/remark/headings/index.js').default
// What Docusaurus does to a doc before MDX sees it: MDX 1 heading ids ({#id}) escaped.
const { escapeMarkdownHeadingIds } = require('@docusaurus/utils')
const here = path.dirname(fileURLToPath(import.meta.url))
const OUT = path.join(here, '..', '..', 'tests', 'fixtures', 'mdx-headings', 'cases.json')

// One document per entry; duplicates inside a document on purpose.
const DOCUMENTS = {
  'jsx-spans': [
    '# <span style={{ color: "#999" }}>[可选]</span> 创建消费者',
    '## <span style={{color: "red"}}>Warning</span> before upgrading',
    '## <span className="badge">New</span> Streaming API',
    "## <span style={{ fontSize: '0.8em' }}>（可选）</span>配置代理",
    '## Step 1 <span style={{ color: "#999" }}>(optional)</span>',
    '## <span style={{ color: "#999" }}>[可选]</span> 创建消费者',
    '## <font color="red">注意</font>',
  ],
  'html-inline': [
    '## <a id="legacy"></a>Legacy anchor',
    '## Keyboard: <kbd>Ctrl</kbd>+<kbd>C</kbd>',
    '## <code>kbcheck check</code> options',
    '## H<sub>2</sub>O and E=mc<sup>2</sup>',
    '## <abbr title="Application Programming Interface">API</abbr> keys',
    '## Line<br/>break',
    '## <b>Bold</b> and <i>italic</i>',
    '## <img src="/img/logo.png" alt="Logo" width="20" /> Branding',
    '## <a href="https://example.com/docs?x=1">External docs</a>',
  ],
  components: [
    '## Install <Badge text="beta" />',
    '## <Highlight color="#25c2a0">Docusaurus green</Highlight> and Facebook blue',
    '## <Tabs.Item value="a">Option A</Tabs.Item>',
    '## <Icon name="check" /> Done',
    '## <></>Fragments',
    '### <Link to="/docs/intro">Intro</Link> page',
  ],
  expressions: [
    '## Version {props.version}',
    '## Total: {1 + 1}',
    '## Sum {"literal"} text',
    '## Plain heading {/* #custom-comment-id */}',
    '## Another <!-- #html-comment-id -->',
    '## Explicit id {#explicit-id}',
    '## Explicit id',
    '## Explicit id',
  ],
  markdown: [
    '## `inline code` in heading',
    '## **Bold** and _emphasis_',
    '## A [link](https://example.com) inside',
    '## ![alt text](/img/a.png) image',
    '## ~~strike~~ through',
    '## Entities &amp; &lt;tags&gt; &copy;',
    '## Escaped \\<span\\> text',
    '## 📚 什么是生成式AI？',
    '## Q&A',
    '## C++ & C#',
    '## v1.2.3 release',
    '## Trailing hashes ##',
    '## Setext-free `a<b>`',
    '## 中文 **加粗** `代码` <span>行内</span> 结束',
  ],
  duplicates: [
    '## <span>Same</span>',
    '## Same',
    '## Same <Badge text="x" />',
    '## same',
  ],
}

function processor (record) {
  const capture = () => tree => {
    visit(tree, 'heading', node => {
      record.push({ level: node.depth, text: toString(node), id: node.data.id })
    })
  }
  return createProcessor({
    format: 'mdx',
    remarkPlugins: [directive, comment, [headings, { anchorsMaintainCase: false }], gfm, capture],
  })
}

async function main () {
  const documents = []
  for (const [name, lines] of Object.entries(DOCUMENTS)) {
    const record = []
    await processor(record).process(escapeMarkdownHeadingIds(lines.join('\n\n') + '\n'))
    documents.push({ name, headings: lines.map((line, i) => ({ markdown: line, ...record[i] })) })
  }
  const version = name => {
    let dir = path.dirname(require.resolve(name))
    while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version
  }
  const fixture = {
    generator: 'scripts/docusaurus/record-headings.mjs',
    node: process.version,
    packages: Object.fromEntries(
      ['@mdx-js/mdx', '@docusaurus/mdx-loader', 'github-slugger'].map(n => [n, version(n)])),
    documents,
  }
  if (process.argv.includes('--check')) {
    const old = JSON.parse(fs.readFileSync(OUT, 'utf8')).documents
    if (JSON.stringify(old) !== JSON.stringify(documents)) {
      console.log(JSON.stringify(documents, null, 1))
      process.exit(1)
    }
    console.log('the recorded headings hold')
    return
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify(fixture, null, 1) + '\n')
  console.log(`${documents.length} documents written to ${path.relative(process.cwd(), OUT)}`)
}

main()
