"""The prose a translation may write inside code, block kind by block kind, and
the code next to it that must still match."""

from __future__ import annotations

import pytest
from translation_kb import from_english, related
from translation_repo import Repo

# (locale, source block, translated block)
TRANSLATABLE = {
    "a comment in a block whose tag marks lines": (
        "es",
        "```js{2}\nexport default {\n  port: 8080 // Highlighted\n}\n```\n",
        "```js{2}\nexport default {\n  port: 8080 // Destacado\n}\n```\n",
    ),
    "notes in a terminal session": (
        "de",
        '```console\n// Create a directory "Code"\n$ mkdir code\n```\n',
        '```console\n// Ein Verzeichnis "Code" erstellen\n$ mkdir code\n```\n',
    ),
    "the text of a template": (
        "pt",
        "```vue-html\n<h1>Our Team</h1>\n<p>\n  Hello {{ name }}\n</p>\n```\n",
        "```vue-html\n<h1>Nosso time</h1>\n<p>\n  Olá {{ name }}\n</p>\n```\n",
    ),
    "a table realigned around its translated header": (
        "zh",
        "```\nspecial character | encoded value\n------------------| -------------\n"
        "+                 | %2B\n```\n",
        "```\n特殊字符 | 编码值\n--------| ----\n+       | %2B\n```\n",
    ),
    "a line in Chinese in a site of a 'cn' folder": (
        "cn",
        "```\n- Generate the Gremlin query using the constructed prompt.\n```\n",
        "```\n- 使用构建的提示词生成 Gremlin 查询。\n```\n",
    ),
    "a note in a block worded otherwise": (
        "zh",
        "```\nConfiguring environment variable\n-Dssl.server.protocol=TLSv1.1\n```\n",
        "```\nconfig env varible\n-Dssl.server.protocol=TLSv1.1\n```\n",
    ),
    "the text of a vue template in markdown": (
        "pt",
        "```js-vue\nHello {{ 1 + 1 }}\n```\n",
        "```js-vue\nOlá {{ 1 + 1 }}\n```\n",
    ),
    "markdown in an html block": (
        "fa",
        "```html\n<script setup>\nconst count = 0\n</script>\n\n## Markdown Content\n\n"
        "The count is: {{ count }}\n```\n",
        "```html\n<script setup>\nconst count = 0\n</script>\n\n## محتوای Markdown\n\n"
        "تعداد: {{ count }}\n```\n",
    ),
    "template text written on fewer lines": (
        "ru",
        "```html\n## Markdown Content\n\nThe count is: {{ count }}\n```\n",
        "```html\n## Содержание. Счётчик: {{ count }}\n```\n",
    ),
    "a placeholder in another script, and a trailing comma": (
        "ru",
        "```js\ncarbonAds: {\n  placement: 'your-carbon-placement'\n}\n```\n",
        "```js\ncarbonAds: {\n  placement: 'место-размещения-рекламы',\n}\n```\n",
    ),
    "a markdown example with a fenced block in it": (
        "ru",
        "````\n```js{1}\nexport default { // Highlighted\n}\n```\n````\n",
        "````\n```js{1}\nexport default { // Подсвечено\n}\n```\n````\n",
    ),
    "prose rewrapped in Chinese": (
        "zh",
        "```\n│ 1. System prompt:                 │\n│    You are a mathematics expert.  │\n"
        "│    Show your work clearly, and    │\n│    explain the concepts.          │\n"
        "│    - model=deepseek-v31           │\n```\n",
        "```\n│ 1. 系统提示：                      │\n│    你是一名数学专家。请清晰地展示   │\n"
        "│    你的工作过程，并解释概念。       │\n│    - model=deepseek-v31           │\n```\n",
    ),
    "a comment wrapped onto a line of its own": (
        "fa",
        "```\n└─ packages\n   └─ [pkg].paths.js   # route paths loader\n```\n",
        "```\n└─ packages\n   └─ [pkg].paths.js   # فایل بارگیری\n\n مسیرها\n```\n",
    ),
    "a placeholder named in the reader's language": (
        "es",
        '```json\n{ "default": "<YOUR_FIREBASE_ID>" }\n```\n',
        '```json\n{ "default": "<SU_ID_FIREBASE>" }\n```\n',
    ),
    "a placeholder written with the accents of the reader's language": (
        "es",
        "```js\ncarbonAds: {\n  code: 'your-carbon-code',\n  placement: 'a1'\n}\n```\n",
        "```js\ncarbonAds: {\n  code: 'tu-código-carbon',\n  placement: 'a1'\n}\n```\n",
    ),
    "a link into the reader's locale folder": (
        "ru",
        "```ts\nsidebar: [{ text: 'Introduction', link: '/introduction' }]\n```\n",
        "```ts\nsidebar: [{ text: 'Введение', link: '/ru/introduction' }]\n```\n",
    ),
    "a plain yaml value of words": (
        "es",
        "```yaml\ntitleTemplate: Vite & Vue powered static site generator\nlang: en-US\n```\n",
        "```yaml\ntitleTemplate: Generador de sitios web estáticos con Vite & Vue\n"
        "lang: en-US\n```\n",
    ),
    "the locale an example names, as the reader's": (
        "ru",
        "```ts\nlocales: {\n  zh: { label: 'Chinese', lang: 'zh-CN', link: '/zh/' }\n}\n```\n",
        "```ts\nlocales: {\n  ru: { label: 'Русский', lang: 'ru-RU', link: '/ru/' }\n}\n```\n",
    ),
    "strings of prose with markup and symbols": (
        "pt",
        "```ts\nmessage: 'Released under the <a href=\"/LICENSE\">MIT License</a>.',\n"
        "copyright: 'Copyright © 2019-present Evan You',\nprev: 'Get Started | Markdown'\n```\n",
        "```ts\nmessage: 'Lançado sob a <a href=\"/LICENSE\">Licença MIT</a>.',\n"
        "copyright: 'Direitos autorais © 2019-presente Evan You',\n"
        "prev: 'Começar | Markdown'\n```\n",
    ),
    "code formatted otherwise": (
        "ja",
        "```js\nexport default {\n  data () {\n    return { msg: 'Highlighted' }\n  },\n"
        "  name: 'MyComponent'\n}\n```\n",
        "```js\nexport default {\n  data() {\n    return { msg: 'Resaltado' }\n  },\n"
        "  name: 'MyComponent',\n}\n```\n",
    ),
    "a file tree with notes": (
        "es",
        "```\n.\n├─ docs                # project root\n│  └─ index.md\n"
        "src/index.md  -->  /index.html (accessible as /)\n```\n",
        "```\n.\n├─ docs                # raiz del proyecto\n│  └─ index.md\n"
        "src/index.md  -->  /index.html (accesible como /)\n```\n",
    ),
    "a name that is a phrase": (
        "pt",
        "```js\nimport('./lib-that-access-window-on-import').then((m) => m.run())\n```\n",
        "```js\nimport('./lib-que-acessa-window-na-importacao').then((m) => m.run())\n```\n",
    ),
    "comments marked with two signs in an untagged block": (
        "fr",
        "```\nserver {\n    ## Add another location /api in 'server'\n"
        "    location /api {\n    }\n}\n```\n",
        "```\nserver {\n    ## Ajoutez une autre location /api dans 'server'\n"
        "    location /api {\n    }\n}\n```\n",
    ),
    "sample output with an emoji, wrapped otherwise": (
        "zh",
        '```json\n{\n  "output": [{\n    "text": "Sure thing! Atoms make up everything! 😄"\n'
        "  }]\n}\n```\n",
        '```json\n{\n  "output": [\n    {\n      "text": "没问题！原子构成了万物！😄"\n'
        "    }\n  ]\n}\n```\n",
    ),
    "a value to fill in described otherwise": (
        "zh",
        "```shell\nsudo docker exec -it [container id or name] /bin/bash\n```\n",
        "```shell\nsudo docker exec -it [your container id or name] /bin/bash\n```\n",
    ),
    "an image from a registry near the reader": (
        "zh",
        "```bash\ndocker run --rm -it -p 1935:1935 ossrs/srs:5\n```\n",
        "```bash\ndocker run --rm -it -p 1935:1935 registry.cn-hangzhou.aliyuncs.com/ossrs/srs:5\n"
        "```\n",
    ),
    "a repository on a mirror site": (
        "zh",
        "```bash\ngit clone https://github.com/ossrs/srs.git\n```\n\nSee https://github.com/ossrs\n",
        "```bash\ngit clone https://gitee.com/ossrs/srs.git\n```\n\n见 https://github.com/ossrs\n",
    ),
    "a command continued over other lines": (
        "zh",
        "```bash\ndocker run -p 1935:1935 ossrs/srs:5 \\\n  ./objs/srs -c conf/srt.conf\n```\n",
        "```bash\ndocker run -p 1935:1935 \\\n  ossrs/srs:5 \\\n"
        "  ./objs/srs -c conf/srt.conf\n```\n",
    ),
    "a link to the page in the reader's locale on the reader's site": (
        "zh",
        "```\n@see https://ossrs.io/lts/en-us/docs/v4/doc/log\n```\n",
        "```\n@see https://ossrs.net/lts/zh-cn/docs/v4/doc/log\n```\n",
    ),
    "an arrow function's parameter in parentheses, a comma before a bracket": (
        "ja",
        "```js\nreturn data.map(entry => {\n  return { params: { id: entry.id, } }\n})\n```\n",
        "```js\nreturn data.map((entry) => {\n  return {\n    params: { id: entry.id }\n"
        "  }\n})\n```\n",
    ),
    "members on lines of their own instead of after semicolons": (
        "ru",
        "```ts\nexcerpt?:\n  | boolean\n"
        "  | ((file: { data: any; content: string }) => void)\n```\n",
        "```ts\nexcerpt?:\n  | boolean\n  | ((\n      file: {\n        data: any\n"
        "        content: string\n      }\n    ) => void)\n```\n",
    ),
    "a template string of prose over several lines": (
        "ru",
        "```js\nexport default {\n  msg: `Highlighted!\n  This line isn't highlighted,\n"
        "  but this and the next 2 are.`,\n  lorem: 'ipsum',\n}\n```\n",
        "```js\nexport default {\n  msg: `Подсвечено!\n  Эта строка не выделена,\n"
        "  но эта и две следующих - да.`,\n  lorem: 'ipsum',\n}\n```\n",
    ),
    "a label translated in the script of a template wrapped otherwise": (
        "ru",
        "```html\n<script setup>\nconst members = [{ name: 'Evan You', title: 'Creator' }]\n"
        "</script>\n<VPTeamPageTitle>\n  <template #title>\n    Our Team\n  </template>\n"
        "</VPTeamPageTitle>\n```\n",
        "```html\n<script setup>\nconst members = [{ name: 'Evan You', title: 'Создатель' }]\n"
        "</script>\n<VPTeamPageTitle>\n  <template #title> Наша команда </template>\n"
        "</VPTeamPageTitle>\n```\n",
    ),
    "a string of prose with a dash, wrapped otherwise": (
        "ru",
        "```ts\nfooter: {\n"
        "  copyright: 'Copyright © 2019-present <a href=\"/evan\">Evan You</a>'\n}\n```\n",
        "```ts\nfooter: {\n  copyright:\n"
        "    '© 2019 – настоящее время, <a href=\"/evan\">Эван Ю</a>'\n}\n```\n",
    ),
    "the locale of an example as the reader's": (
        "ru",
        "```ts\nzh: {\n  label: '简体中文',\n  lang: 'zh-Hans',\n}\n```\n",
        "```ts\nzh: {\n  label: 'Русский',\n  lang: 'ru',\n}\n```\n",
    ),
    "a label of two words run together": (
        "es",
        '```lua\nlocal keys = {\n  q = { "<cmd>Trouble quickfix<cr>", "QuickFix" },\n}\n```\n',
        "```lua\nlocal keys = {\n"
        '  q = { "<cmd>Trouble quickfix<cr>", "Arreglo Rapido" },\n}\n```\n',
    ),
    "an aside in full-width brackets": (
        "zh",
        "```\nH = 0.3 s at ctx = 8 192 tokens (Llama-3-70B, TP8)\n```\n",
        "```\nH = 0.3 s @ ctx = 8192（Llama-3-70B，TP8）\n```\n",
    ),
    "the value of a key named for text, in another case": (
        "es",
        "```ts\nfooter: {\n  closeText: 'Close',\n  closeKeyAriaLabel: 'esc'\n}\n```\n",
        "```ts\nfooter: {\n  closeText: 'Cerrar',\n  closeKeyAriaLabel: 'Esc'\n}\n```\n",
    ),
    "a string in other quotes": (
        "zh",
        '```lua\nlvim.colorscheme = "desert"\n```\n',
        "```lua\nlvim.colorscheme = 'desert'\n```\n",
    ),
}


@pytest.mark.parametrize("case", TRANSLATABLE, ids=list(TRANSLATABLE))
def test_prose_in_code_may_be_translated(repo: Repo, case: str) -> None:
    locale, en, translated = TRANSLATABLE[case]
    assert from_english(repo, locale, en, translated) == []


# (locale, source block, translated block, line of the change on both pages)
CHANGED = {
    "a port in a block whose tag marks lines": (
        "es",
        "```js{2}\nexport default {\n  port: 8080 // Highlighted\n}\n```\n",
        "```js{2}\nexport default {\n  port: 8081 // Destacado\n}\n```\n",
        5,
    ),
    "a command of a terminal session": (
        "de",
        "```console\n// Create a directory\n$ mkdir code\n```\n",
        "```console\n// Ein Verzeichnis erstellen\n$ mkdir coda\n```\n",
        5,
    ),
    "a link of a template": (
        "pt",
        '```vue-html\n<h1>Our Team</h1>\n<a href="/team">Team</a>\n```\n',
        '```vue-html\n<h1>Nosso time</h1>\n<a href="/time">Time</a>\n```\n',
        5,
    ),
    "a version in an xml value": (
        "de",
        "```xml\n<name>Example Client</name>\n<version>1.3.0</version>\n```\n",
        "```xml\n<name>Beispiel Client</name>\n<version>1.5.0</version>\n```\n",
        5,
    ),
    "a plain yaml value that is not words": (
        "es",
        "```yaml\ntitle: Guide for everyone\nimage: nginx:1.3.0\n```\n",
        "```yaml\ntitle: Guía para todos\nimage: nginx:1.5.0\n```\n",
        5,
    ),
    "a yaml key translated": (
        "pt",
        "```yaml\n---\ntitle: Blogging Like a Hacker\n---\n```\n",
        "```yaml\n---\ntítulo: Escrevendo como um Hacker\n---\n```\n",
        5,
    ),
    "a locale that is not the reader's": (
        "ru",
        "```ts\nlocales: {\n  zh: { link: '/zh/' }\n}\n```\n",
        "```ts\nlocales: {\n  de: { link: '/de/' }\n}\n```\n",
        5,
    ),
    "a path in a file tree": (
        "es",
        "```\n.\n├─ docs                # project root\n│  └─ index.md\n```\n",
        "```\n.\n├─ src                 # raiz del proyecto\n│  └─ index.md\n```\n",
        5,
    ),
    "an image's tag after a mirror": (
        "zh",
        "```bash\ngit clone https://github.com/ossrs/srs.git\ndocker run ossrs/srs:v1.3.0\n```\n",
        "```bash\ngit clone https://gitee.com/ossrs/srs.git\n"
        "docker run registry.cn-hangzhou.aliyuncs.com/ossrs/srs:v1.5.0\n```\n",
        5,
    ),
    "a host changed within its site": (
        "zh",
        "```bash\ndocker run ossrs/srs:5\ncurl https://eventmesh.apache.org/install.sh\n```\n",
        "```bash\ndocker run registry.cn-hangzhou.aliyuncs.com/ossrs/srs:5\n"
        "curl https://eventmesh.incubator.apache.org/install.sh\n```\n",
        5,
    ),
    "a flag of a command continued over lines": (
        "zh",
        "```bash\ndocker run --rm \\\n  -p 1935:1935 ossrs/srs:5\n```\n",
        "```bash\ndocker run --rm \\\n  -p 1936:1935 ossrs/srs:5\n```\n",
        5,
    ),
    "a command next to a value to fill in": (
        "zh",
        "```shell\nset -e\nsudo docker exec -it [container id or name] /bin/bash\n```\n",
        "```shell\nset -e\nsudo docker exec -it [your container id or name] /bin/sh\n```\n",
        5,
    ),
    "a command of words only, with a word changed": (
        "zh",
        "```\nConfiguring environment variable\ngit pull origin main\n```\n",
        "```\nconfig env varible\ngit pull origin master\n```\n",
        5,
    ),
    "a full-width comma in a json line": (
        "zh",
        '```json\n{\n  "max_step": "2",\n  "filter": "a"\n}\n```\n',
        '```json\n{\n  "max_step": "2"，\n  "filter": "a"\n}\n```\n',
        5,
    ),
    "a statement that is only a semicolon": (
        "zh",
        "```java\npublic enum Factory {\n  ;\n  public static int get() {}\n}\n```\n",
        "```java\npublic enum Factory {\n  public static int get() {}\n}\n```\n",
        5,
    ),
    "a string with a variable in other quotes": (
        "zh",
        '```bash\nset -e\necho "$HOME"\n```\n',
        "```bash\nset -e\necho '$HOME'\n```\n",
        5,
    ),
    "the locale of an example as another's than the reader's": (
        "es",
        "```ts\nexport default {\n  lang: 'en-US',\n}\n```\n",
        "```ts\nexport default {\n  lang: 'pt-BR',\n}\n```\n",
        5,
    ),
    "a label of two words run together, renamed": (
        "es",
        '```lua\nlocal keys = {\n  q = { "<cmd>Trouble<cr>", "QuickFix" },\n}\n```\n',
        '```lua\nlocal keys = {\n  q = { "<cmd>Trouble<cr>", "QuickFixes" },\n}\n```\n',
        5,
    ),
    "the value of a key not named for text, in another case": (
        "es",
        "```ts\nfooter: {\n  context: 'esc'\n}\n```\n",
        "```ts\nfooter: {\n  context: 'Esc'\n}\n```\n",
        5,
    ),
}


@pytest.mark.parametrize("case", CHANGED, ids=list(CHANGED))
def test_code_next_to_the_prose_must_match(repo: Repo, case: str) -> None:
    locale, en, translated, line = CHANGED[case]
    (d,) = from_english(repo, locale, en, translated)
    assert (d.code, d.path, d.line, d.column) == ("KB509", f"content/{locale}/guide.md", line, 1)
    assert related(d) == [("content/en/guide.md", line)]


def test_code_after_prose_rewrapped_in_chinese_must_match(repo: Repo) -> None:
    en = (
        "```\n│ You are a mathematics expert.  │\n│ Show your work clearly.        │\n"
        "│ - model=deepseek-v31           │\n└────────────────────────────────┘\n```\n"
    )
    zh = (
        "```\n│ 你是一名数学专家。请清晰地展示。 │\n"
        "│ - model=deepseek-v31           │\n│└────────────────────────────────┘\n```\n"
    )
    (d,) = from_english(repo, "zh", en, zh)
    assert (d.code, d.path, d.line, d.column) == ("KB509", "content/zh/guide.md", 6, 1)
    assert related(d) == [("content/en/guide.md", 7)]
