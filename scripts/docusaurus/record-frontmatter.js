#!/usr/bin/env node
// Writes tests/fixtures/docusaurus-frontmatter/cases.json: doc frontmatter blocks, each read
// by Docusaurus's own front matter parser and checked by its own validateDocFrontMatter,
// with the verdict (accepted or rejected) and the fields it complained about.
// With --check, compares instead of writing and exits 1 on any difference.
//
// Usage: npm install && node record-frontmatter.js [--check]
'use strict'

const fs = require('fs')
const path = require('path')
const { DEFAULT_PARSE_FRONT_MATTER } = require('@docusaurus/utils')
const { validateDocFrontMatter } = require('@docusaurus/plugin-content-docs/lib/frontMatter.js')
const logger = require('@docusaurus/logger').default

const OUT = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'docusaurus-frontmatter', 'cases.json')

// Scalars as written in YAML (unquoted unless quoted here): the readings that differ between
// YAML 1.1 and 1.2, the conversions Joi makes, and the values real sites hold.
const SCALARS = [
  'intro', 'Getting started', "''", "'  '", '""', '42', '-1', '0', '2.5', '010', '0o17', '0x1F',
  '1_000', '1e3', '1e+21', '1e+300', '1e400', '.5', '.inf', '.nan', '9007199254740991',
  '9007199254740992', 'yes', 'No', 'on', 'off', 'true', 'False', 'TRUE', "'true'", "'FALSE'",
  "'yes'", 'null', '~', '', "'3'", "' 3 '", "'3px'", "'0x10'", "'1e3'", "'-4.5'", "'+2'",
  '2021-01-01', '2024-13-45', '2021-01-01T10:00:00Z', "'2021-01'", "'1/1/2000'",
  "'January 5, 2021'", "'2021-02-30'", "'yesterday'", '1609459200000', "'1609459200000'",
  "'2021-01-01T25:00:00'", "'   '", '12:30', '[a, b]', '[]', '{a: 1}', '{}', '/docs/intro',
  'intro.md', 'https://example.com/cover.png', 'http://', "'http://[::1'", '/img/a.png',
  './img/a.png', "'not a url'", 'mailto:me@example.com', "'https://example.com/a b'",
  "'#section'", "'//cdn.example.com/a.png'", "'C:\\\\path'", 'é', '生成式AI',
]

const FIELDS = [
  'id', 'title', 'hide_title', 'hide_table_of_contents', 'keywords', 'image', 'description',
  'slug', 'sidebar_key', 'sidebar_label', 'sidebar_position', 'sidebar_class_name',
  'sidebar_custom_props', 'displayed_sidebar', 'tags', 'pagination_label', 'custom_edit_url',
  'parse_number_prefixes', 'pagination_next', 'pagination_prev', 'toc_min_heading_level',
  'toc_max_heading_level', 'last_update', 'draft', 'unlisted', 'some_unknown_key',
]

// Whole blocks: lists, objects and fields that depend on each other.
const BLOCKS = [
  'keywords: [a, b]', 'keywords: [a, 42]', "keywords: [a, '']", 'keywords: [a, null]',
  'keywords: [[a]]', 'keywords: [{a: 1}]', 'keywords:\n  - one\n  - 2021-01-01',
  'tags: [a, b]', 'tags: [a, 42]', "tags: ['']", "tags: ['  ']", 'tags: [null]', 'tags: [[a]]',
  'tags: [{}]', "tags: [{label: ''}]", 'tags: [{label: A}]', 'tags: [{permalink: /a}]',
  'tags: [{label: A, permalink: /a}]', "tags: [{label: A, permalink: ''}]",
  "tags: [{label: '', permalink: /a}]", 'tags: [{label: 1, permalink: 2}]',
  'tags: [{label: A, permalink: /a, description: d}]', 'tags: [a, {label: B, permalink: /b}]',
  'tags: [{label: [A], permalink: /a}]', 'tags: [{label: A, permalink: null}]',
  'tags:\n  - label: A\n    permalink: /a\n  - b',
  'toc_min_heading_level: 2\ntoc_max_heading_level: 6',
  'toc_min_heading_level: 3\ntoc_max_heading_level: 3',
  'toc_min_heading_level: 4\ntoc_max_heading_level: 3',
  'toc_min_heading_level: 2.5\ntoc_max_heading_level: 3',
  'toc_min_heading_level: 7\ntoc_max_heading_level: 3',
  "toc_min_heading_level: '3'\ntoc_max_heading_level: '4'",
  "toc_min_heading_level: '5'\ntoc_max_heading_level: 4",
  'toc_min_heading_level: 1\ntoc_max_heading_level: 6',
  'toc_max_heading_level: 2.5', 'toc_min_heading_level: 5.9',
  'draft: true\nunlisted: true', 'draft: true\nunlisted: false', 'draft: false\nunlisted: true',
  "draft: 'true'\nunlisted: 'TRUE'", 'draft: True\nunlisted: TRUE',
  'last_update: {author: Ann}', 'last_update: {date: 2024-01-31}', 'last_update: {}',
  'last_update: {author: Ann, date: 2024-01-31}', "last_update: {author: ''}",
  'last_update: {author: 42}', "last_update: {date: '1/1/2000'}", "last_update: {date: '2021-01'}",
  'last_update: {date: 1609459200000}', "last_update: {date: '1609459200000'}",
  "last_update: {date: 'yesterday'}", 'last_update: {date: 2024-13-45}',
  "last_update: {date: '2024-13-45'}", "last_update: {date: 'January 5, 2021'}",
  "last_update: {date: '2021-02-30'}", "last_update: {date: '2021-01-01T25:00:00'}",
  "last_update: {date: 'Tue, 05 Jan 2021 10:00:00 GMT'}", "last_update: {date: ''}",
  "last_update: {date: '  '}", 'last_update: {date: null}', 'last_update: {date: true}',
  "last_update: {date: '2021-01-01 10:00'}", "last_update: {date: '2021'}",
  "last_update: {date: '20210101'}", "last_update: {date: '2021/01/05'}",
  'last_update: {date: 2021-01-01T10:00:00+08:00}', 'last_update: {author: Ann, extra: 1}',
  'last_update: {other: 1}', 'last_update: 2024-01-31', 'last_update: Ann', 'last_update: null',
  'last_update: {date: -1}', 'last_update: {date: 1.5}', "last_update: {date: '12/31/2020'}",
  "last_update: {date: '31/12/2020'}", "last_update: {date: '2021-1-5'}",
  'sidebar_custom_props: {badge: new, nested: {a: [1]}}', 'sidebar_custom_props: []',
  'some_unknown_key: {nested: [1, 2]}', 'id: a\nslug: /a\ntitle: A\nsidebar_position: 3',
  'title: Intro\nsidebar_label: Intro\nsidebar_position: 1\ntags: [a]\nkeywords: [k]',
  'hide_title: true\nhide_table_of_contents: false\ndraft: false',
  '- a\n- b', 'just a string', '42',
  'title: a: b', 'title: [unclosed', "title: 'unterminated", 'title: "x" y',
  'a: 1\na: 2', 'title: &x A\nsidebar_label: *x', 'base: &b {id: a}\n<<: *b',
  'id: !!str 010', 'sidebar_position: !!int "3"', 'title: !!binary aGVsbG8=',
  'title: |\n  multi\n  line', 'description: >\n  folded\n  text',
]

function cases () {
  const out = []
  for (const field of FIELDS) {
    for (const scalar of SCALARS) out.push(`${field}: ${scalar}`)
  }
  return out.concat(BLOCKS)
}

async function verdict (frontmatter) {
  const fileContent = `---\n${frontmatter}\n---\n\n# Page\n`
  let data
  try {
    data = (await DEFAULT_PARSE_FRONT_MATTER({ fileContent, filePath: 'doc.md' })).frontMatter
  } catch (error) {
    return { frontmatter, accepted: false, stage: 'parse', fields: [] }
  }
  try {
    validateDocFrontMatter(data)
    return { frontmatter, accepted: true }
  } catch (error) {
    const fields = [...new Set((error.details || []).map(d => d.path.join('.')))]
    return { frontmatter, accepted: false, stage: 'validate', fields }
  }
}

// The version of the package a resolved file belongs to (some packages do not export
// their package.json).
function version (file) {
  let dir = path.dirname(file)
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version
}

async function main () {
  // The validator logs every rejection; the verdicts are what matters here.
  for (const level of ['error', 'warn', 'info']) logger[level] = () => {}
  const recorded = []
  for (const frontmatter of cases()) recorded.push(await verdict(frontmatter))
  const utilsDir = path.dirname(require.resolve('@docusaurus/utils'))
  const pkg = name => version(require.resolve(name, { paths: [utilsDir] }))
  const fixture = {
    generator: 'scripts/docusaurus/record-frontmatter.js',
    node: process.version,
    packages: Object.fromEntries(
      ['@docusaurus/plugin-content-docs', '@docusaurus/utils', 'js-yaml'].map(n => [n, pkg(n)])),
    cases: recorded,
  }
  if (process.argv.includes('--check')) {
    const old = JSON.parse(fs.readFileSync(OUT, 'utf8')).cases
    const differ = recorded.filter((c, i) => JSON.stringify(c) !== JSON.stringify(old[i]))
    if (differ.length || old.length !== recorded.length) {
      console.log(JSON.stringify(differ.slice(0, 20), null, 1))
      process.exit(1)
    }
    console.log(`${recorded.length} cases: the recorded verdicts hold`)
    return
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify(fixture, null, 1) + '\n')
  console.log(`${recorded.length} cases written to ${path.relative(process.cwd(), OUT)}`)
}

main()
