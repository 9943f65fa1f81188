#!/usr/bin/env node
// Writes tests/fixtures/slugger/cases.json: heading texts grouped into documents, with the
// slugs the real github-slugger 1.5.0 produces for them (one fresh slugger per document),
// plus hashes of code point sweeps so the Python port can be checked on every code point
// without node.  Deterministic: hand-written headings plus a seeded generator.
//
// Usage: npm install && node generate-fixture.js
'use strict'

const crypto = require('crypto')
const fs = require('fs')
const path = require('path')
const GithubSlugger = require('github-slugger')

const OUT = path.join(__dirname, '..', '..', 'tests', 'fixtures', 'slugger', 'cases.json')

// ---------------------------------------------------------------------------------------
// Hand-written headings, one array per document (duplicates inside a document on purpose).

const HAND = {
  'docs-zh': [
    '📚 什么是生成式AI？', '快速开始', '安装', '配置', '配置', '常见问题（FAQ）', '第一章：简介',
    '1. 安装依赖', '2. 运行示例', '注意事项！', '参考资料、延伸阅读', '使用 Docker 部署',
    '什么是 RAG？', '性能优化：缓存、索引。', '「引号」与『书名号』', '【重要】升级指南',
    '版本 v2.0.0 发布说明', '数据库・缓存', '问：为什么？答：因为。', '总结', '总结', '总结'
  ],
  'docs-ja': [
    'はじめに', 'インストール方法', '設定ファイルの書き方', 'よくある質問', 'トラブルシューティング',
    'ｶﾀｶﾅ（半角）', 'サンプルコード：Python', '第２章　使い方', '注意点！！', 'まとめ', 'まとめ',
    'ライセンス・著作権', 'Ｑ＆Ａ', '〜から〜まで', '「こんにちは」世界', 'ひらがなゟ', 'ヿ'
  ],
  'docs-ko': [
    '소개', '설치', '설정 방법', '자주 묻는 질문', '사용법: 기본', '예제 코드', '문제 해결',
    '시작하기 🚀', '한글 자모 ㄱㄴㄷ', '각', '요약', '요약'
  ],
  'docs-en': [
    'Introduction', 'Getting Started', 'Installation', 'Configuration', 'API Reference',
    "What's new in v1.2.3?", "Don't panic!", 'Pros & Cons', 'Q&A', 'I/O', 'TL;DR',
    'Step-by-step guide', 'e.g. examples', 'Node.js', 'C#', 'F#', '.NET', 'C++', 'foo()',
    'a_b', '__init__', '@decorator', '#hashtag', '$HOME', '100%', '50/50', 'Hello, world!',
    'R&D', 'Example', 'Example', 'Example 1', 'example-1', 'Example', 'Example-1-1', 'FAQ',
    'faq', 'FAQ ', ' FAQ', 'Notes', 'Notes', 'Notes-1', 'Notes'
  ],
  'docs-latin-accents': [
    'Café', 'Résumé', 'naïve approach', 'Über uns', 'Ñandú', 'Ångström', 'Łódź', 'São Paulo',
    'Façade', 'Crème brûlée', 'Straße', 'STRASSE', 'ẞ', 'ĳssel', 'Œuvre', 'Ærø', 'İstanbul',
    'IĞDIR', 'Şişli', 'Giới thiệu', 'Cài đặt', 'Ça va?', 'Ｃａｆé', 'ǅemal', 'ǈ ǋ ǲ',
    'Cafe\u0301 (combining)', 'ﬁle ﬂow', 'Å Ω K (signs)'
  ],
  'docs-cyrillic-greek': [
    'Введение', 'Установка', 'Настройка', 'Часто задаваемые вопросы', 'Пример №1', 'Ёлка',
    'Україна', 'Ґанок', 'Їжак', 'Εισαγωγή', 'ΟΔΥΣΣΕΑΣ', 'Σύνοψη', 'ΣΟΦΟΣ', 'Λόγος',
    'ΠΡΟΣΘΕΣΗ ΣΤΟΙΧΕΙΩΝ', "ΑΣ'", 'ΌΡΟΣ.', 'Σ', 'ΑΣ1', 'Σa', 'ΑΣ\u0308', 'ΑΣ\u0308Β', 'Α.Σ',
    'ΑΣ\u00adΒ', 'Α\u00adΣ', 'ΑΣ_', 'ΑΣ-Β', 'ΑΣ΄', 'ΑΣΣ', 'ᾼ ᾈ', 'ϴ ϒ', 'ℌ Σ'
  ],
  'docs-rtl-indic-thai': [
    'مقدمة', 'التثبيت', 'الأسئلة الشائعة؟', 'الإعدادات', 'مثال ١٢٣', 'كِتَابٌ', 'عـــربي',
    'سؤال، جواب؛', 'מבוא', 'התקנה', 'שאלות נפוצות', 'परिचय', 'स्थापना', 'उदाहरण १२३',
    'हिन्दी।', 'क्षत्रिय॥', 'บทนำ', 'การติดตั้ง', 'คำถามที่พบบ่อย', 'ตัวอย่าง ๑๒๓', 'ฯลฯ',
    'ভূমিকা', 'அறிமுகம்', 'შესავალი', 'Ներածություն', 'መግቢያ።', 'ສະບາຍດີ', 'မြန်မာ', 'ཀ་ཁ།'
  ],
  'docs-symbols': [
    'Temperature in ℃', 'Brand™', 'Chapter Ⅻ', 'ⅻ', '№ 5', 'ℓ liters', 'ℕ ℤ ℚ ℝ ℂ', '①②③',
    '½ cup', 'x² + y³', 'aⁿ', 'ª º', 'µs', 'Ⓐ Ⓑ ⓒ', '🄰 🅐 🅰', '©️ 2024', '℡ ℮', '∑ ∞ ≠',
    '→ ← ↔', '• bullet', '… ellipsis', '— em dash – en dash', '“quotes” ‘single’', '«guillemets»',
    '¿Qué? ¡Sí!', '§ 3.2', '¶', '° degrees', '± 5', '€ $ £ ¥', '₿', 'Ⅰ Ⅱ Ⅲ', 'ↀ ↈ'
  ],
  'docs-emoji': [
    '🚀 Launch', '✨ Features', '👨‍👩‍👧‍👦 Family', '🏳️‍🌈 Pride', '❤️ Love', '☑️ Done', '1️⃣ One',
    '#️⃣ Hash', '👍🏽 Thumbs', '🇨🇳 China', '🇺🇸🇬🇧 flags', '🧑‍💻 Dev', '🫠 melting', '🐛 Bug fixes',
    '🐛 Bug fixes', '✅', '✅', '⚠️ Warning', 'ℹ️ Info', '🔥🔥🔥', '👩🏻‍🔬 Science', '😀😃😄',
    '⭐ Star', '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland', 'a\ufe0fb', 'a\ufe0eb', '\u200dzwj\u200d', '\u200czwnj'
  ],
  'docs-spaces': [
    'tab\there', 'nbsp\u00a0here', 'ideographic\u3000space', 'em\u2003space', 'zero\u200bwidth',
    '  leading', 'trailing  ', '  both  ', 'double  space', 'soft\u00adhyphen', '\ufeffbom',
    'new\nline', 'cr\rlf', 'thin\u2009space', 'narrow\u202fnbsp', 'ogham\u1680space', '   ',
    '', '-', '--', '- -', '_', 'a - b', 'a -- b', '\u2028ls', 'figure\u2007space'
  ],
  'docs-versions-code': [
    'v1.2.3', '2.0.0-beta.1', 'Python 3.12+', '10 000', '1,000', '3.14159', '2024-01-01',
    '#1', 'Step 1: Install', '`foo()`', 'foo.bar()', 'a::b', 'x => y', '<div>', 'Array<string>',
    '--flag', '-h, --help', '`npm install`', '[link](url)', '*emphasis*', '**bold**',
    '~~strike~~', 'key=value', 'i++', '../path', '~/.config', '@scope/pkg', 'a|b', 'a\\nb',
    'snake_case_name', 'kebab-case-name', 'CamelCase', 'SCREAMING_CASE', 'ES2015+', 'HTTP/2',
    'UTF-8', 'x86_64', 'IPv6 ::1', 'O(n log n)', 'π ≈ 3.14', '0x1F', '1e-9', 'v1.2.3', 'v1.2.3'
  ],
  'docs-new-unicode': [
    // Letters added after Unicode 13: github-slugger's frozen table deletes them.
    'Vithkuqi \u{10570}\u{10597}', 'Toto \u{1E290}', 'Tangsa \u{16A70}', 'Old Uyghur \u{10F70}',
    'Kawi \u{11F04}', 'Nag Mundari \u{1E4D0}', 'CJK ext H \u{31350}', 'CJK 9FFD \u9ffd\u9fff',
    'Arabic \u0870\u0880', 'Kannada \u0cdd', 'Telugu \u0c5d', 'Latin \u{10780}\u{1DF00}',
    'Garay \u{10D50}\u{10D70}', 'Todhri \u{105C0}', 'Sunuwar \u{11BC0}', 'Ɤ \ua7cb', '\ua7cc\ua7cd',
    '\u1c89\u1c8a', '\u2c2f\u2c5f', '\ua7c0\ua7c1', '\ua7d0\ua7d1', 'CJK ext B 𠀀𠮷', 'Ext G \u{30000}',
    'Egyptian \u{13000}', 'Cuneiform \u{12000}', 'Adlam \u{1E900}\u{1E922}', 'Osage \u{104B0}\u{104D8}',
    'Deseret \u{10400}\u{10428}', 'Math \u{1D400}\u{1D41A}', '\u{1F130}\u{1F150}\u{1F170}'
  ],
  'lone-surrogates': ['\ud800', 'a \udfff b', '\udbff-x', 'x\udc00']
}

// ---------------------------------------------------------------------------------------
// Seeded generator for more realistic headings.

function mulberry32 (seed) {
  return function () {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = mulberry32(20240521)
const pick = (xs) => xs[Math.floor(rand() * xs.length)]
const chance = (p) => rand() < p

const WORDS = {
  en: ['Introduction', 'getting started', 'Install', 'configure', 'API', 'usage', 'Advanced',
    'examples', 'FAQ', 'troubleshooting', 'Deploy', 'performance', 'Security', 'testing',
    'migration guide', 'overview', 'Architecture', 'data model', 'CLI', 'plugins', 'themes',
    'i18n', 'SEO', 'caching', 'Webhooks', 'OAuth 2.0', 'REST vs. GraphQL', "What's next"],
  zh: ['什么是', '生成式AI', '安装', '配置', '快速开始', '常见问题', '部署指南', '数据库',
    '性能优化', '简介', '概述', '示例', '注意事项', '参考资料', '版本说明', '模型训练', '向量检索'],
  ja: ['はじめに', 'インストール', '設定方法', 'よくある質問', '使い方', '概要', 'サンプル',
    'ライセンス', '注意点', 'デプロイ', 'テスト', '機械学習', '東京'],
  ko: ['소개', '설치', '설정', '자주 묻는 질문', '사용법', '예제', '문제 해결', '시작하기', '배포'],
  ru: ['Введение', 'Установка', 'Настройка', 'Вопросы', 'Пример', 'Обзор', 'Ошибки', 'Ёж'],
  el: ['Εισαγωγή', 'ΟΔΗΓΟΣ', 'Σύνοψη', 'ΠΑΡΑΔΕΙΓΜΑΤΑ', 'Ρυθμίσεις', 'ΛΟΓΟΣ', 'ΟΡΟΣ'],
  ar: ['مقدمة', 'التثبيت', 'الأسئلة', 'الإعدادات', 'مثال', 'كِتَاب'],
  hi: ['परिचय', 'स्थापना', 'उदाहरण', 'प्रश्न', 'हिन्दी'],
  th: ['บทนำ', 'การติดตั้ง', 'ตัวอย่าง', 'คำถาม'],
  latin: ['Café', 'Résumé', 'naïve', 'Über', 'Straße', 'Ångström', 'Łódź', 'São Paulo',
    'İstanbul', 'Œuvre', 'Dvořák', 'Ærø', 'Pokémon', 'Việt Nam']
}
const SCRIPTS = Object.keys(WORDS)
const EMOJI = ['📚', '🚀', '✨', '👨‍👩‍👧‍👦', '🏳️‍🌈', '❤️', '☑️', '1️⃣', '👍🏽', '🇯🇵', '🧑‍💻', '⚠️',
  '✅', '🔥', '💡', '📝', '🐛', '⭐', '🎉', '©️']
const FULLWIDTH = ['？', '！', '：', '（', '）', '、', '，', '。', '「', '」', '【', '】', '・',
  '～', '；', '＆', '／', '＃', '％']
const ASCII_PUNCT = ['?', '!', ':', '(', ')', ',', '.', ';', '&', '/', '#', '%', "'", '"',
  '`', '*', '+', '=', '<', '>', '|', '@', '$', '^', '~', '[', ']', '{', '}', '-', '_']
const SPACES = [' ', ' ', ' ', ' ', '  ', '\t', '\u00a0', '\u3000', '\u2003', '\u200b']
const SYMBOLS = ['℃', '™', 'Ⅻ', 'ⅻ', '№', 'ℓ', '½', '²', 'µ', 'Ⓐ', '①', '→', '…', '—', '–',
  '“', '”', '«', '»', '§', '°', '€', 'Ω', 'K', 'Å']
const CODE = ['foo()', 'C++', 'a_b', '__init__', 'npm run build', 'x => y', '<T>', 'a::b',
  '--verbose', 'fn main()', 'std::vector<int>', 'obj.method()', '$PATH', '@types/node',
  'README.md', '.env', 'i18n', 'k8s', 'C#', 'Vue 3', 'ES2022', 'HTTP/2', 'UTF-8']
const NEW_LETTERS = ['\u{10570}', '\u{1E290}', '\u{16A70}', '\u{11F04}', '\u{1E4D0}', '\u9ffd',
  '\u0870', '\u0cdd', '\ua7cb', '\u{31350}', '\u{10D50}', '\u{105C0}']

function version () {
  const v = `${Math.floor(rand() * 5)}.${Math.floor(rand() * 20)}.${Math.floor(rand() * 10)}`
  return (chance(0.5) ? 'v' : '') + v + (chance(0.2) ? pick(['-beta.1', '-rc.2', '+build']) : '')
}

function phrase (script) {
  const n = 1 + Math.floor(rand() * 3)
  const words = []
  for (let i = 0; i < n; i++) words.push(pick(WORDS[script]))
  const cjk = script === 'zh' || script === 'ja'
  return words.join(cjk && chance(0.7) ? '' : ' ')
}

function heading () {
  const script = pick(SCRIPTS)
  const fw = script === 'zh' || script === 'ja' || script === 'ko'
  const punct = () => (fw && chance(0.7) ? pick(FULLWIDTH) : pick(ASCII_PUNCT))
  let h = phrase(script)
  switch (Math.floor(rand() * 12)) {
    case 0: h = `${pick(EMOJI)} ${h}`; break
    case 1: h = `${1 + Math.floor(rand() * 12)}. ${h}`; break
    case 2: h = `${h}${punct()}`; break
    case 3: h = `${h}${fw ? '（' : ' ('}${phrase(pick(SCRIPTS))}${fw ? '）' : ')'}`; break
    case 4: h = `${h} ${version()}`; break
    case 5: h = `\`${pick(CODE)}\` ${h}`; break
    case 6: h = `${h}${pick(SPACES)}${phrase(pick(SCRIPTS))}`; break
    case 7: h = `${h} ${pick(SYMBOLS)}`; break
    case 8: h = `${h}${punct()} ${phrase(script)}`; break
    case 9: h = chance(0.5) ? ` ${h}` : `${h} `; break
    case 10: h = `${h} ${pick(NEW_LETTERS)}`; break
    default: break
  }
  if (chance(0.15)) h = `${pick(EMOJI)}${pick(SPACES)}${h}`
  if (chance(0.1)) h = h.toUpperCase()
  return h
}

function generatedDocument () {
  const size = 3 + Math.floor(rand() * 20)
  const headings = []
  while (headings.length < size) {
    if (headings.length && chance(0.15)) {
      headings.push(pick(headings)) // a repeated heading
    } else if (headings.length && chance(0.05)) {
      // a heading that collides with a suffixed slug, e.g. "Setup 1" after "Setup" twice
      headings.push(`${pick(headings)} ${1 + Math.floor(rand() * 2)}`)
    } else {
      headings.push(heading())
    }
  }
  return headings
}

// Random code points from the whole range, for contexts the realistic cases miss.
function fuzzHeading () {
  const n = 1 + Math.floor(rand() * 8)
  let s = ''
  for (let i = 0; i < n; i++) {
    let cp
    const r = rand()
    if (r < 0.4) cp = Math.floor(rand() * 0x3000)
    else if (r < 0.5) cp = 0x3a3 // capital sigma: exercises Final_Sigma contexts
    else if (r < 0.6) cp = 0x20
    else cp = Math.floor(rand() * 0x110000)
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x41
    s += String.fromCodePoint(cp)
  }
  return s
}

// ---------------------------------------------------------------------------------------

function slugDocument (headings) {
  const slugger = new GithubSlugger()
  return headings.map((h) => slugger.slug(h))
}

const documents = []
for (const [name, headings] of Object.entries(HAND)) documents.push({ name, headings })
for (let i = 0; documents.reduce((n, d) => n + d.headings.length, 0) < 1700; i++) {
  documents.push({ name: `generated-${i}`, headings: generatedDocument() })
}
for (let i = 0; i < 20; i++) {
  documents.push({ name: `fuzz-${i}`, headings: Array.from({ length: 12 }, fuzzHeading) })
}
for (const doc of documents) doc.slugs = slugDocument(doc.headings)

// Sweeps over every code point but the surrogates, in chunks; see tests/test_slugger.py.
const CHUNK = 0x1000
const SIGMA_CONTEXTS = (c) => `A${c}\u03a3 ${c}\u03a3 A\u03a3${c}`
const sweeps = { chunk: CHUNK, single: [], sigma: [] }
for (let start = 0; start < 0x110000; start += CHUNK) {
  const chars = []
  for (let cp = start; cp < start + CHUNK; cp++) {
    if (cp < 0xd800 || cp > 0xdfff) chars.push(String.fromCodePoint(cp))
  }
  const digest = (text) =>
    crypto.createHash('sha256').update(GithubSlugger.slug(text), 'utf8').digest('hex').slice(0, 16)
  sweeps.single.push(digest(chars.join(' ')))
  sweeps.sigma.push(digest(chars.map(SIGMA_CONTEXTS).join(' ')))
}

const fixture = {
  source: `github-slugger ${require('github-slugger/package.json').version} on Node ` +
    `${process.versions.node} (ICU ${process.versions.icu}, Unicode ${process.versions.unicode})`,
  regenerate: 'scripts/slugger/generate-fixture.js',
  documents,
  sweeps
}
fs.writeFileSync(OUT, JSON.stringify(fixture, null, 1) + '\n')
const cases = documents.reduce((n, d) => n + d.headings.length, 0)
console.log(`wrote ${path.relative(process.cwd(), OUT)}: ${documents.length} documents, ${cases} headings`)
