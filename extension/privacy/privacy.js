// The privacy page as packaged: docs/privacy.md (copied here by extension/build.mjs), shown
// with the few Markdown forms it uses (# headings, - lists, paragraphs, **bold**, `code`), as
// text nodes only. The same file is the site's privacy page.
const main = document.getElementById('privacy');
const source = await (await fetch('privacy.md')).text();

/** One line's inline forms: **bold** and `code`, everything else as text. */
function inline(text) {
  const out = [];
  for (const part of text.split(/(\*\*[^*]+\*\*|`[^`]+`)/)) {
    if (!part) continue;
    if (part.startsWith('**')) out.push(Object.assign(document.createElement('strong'), { textContent: part.slice(2, -2) }));
    else if (part.startsWith('`')) out.push(Object.assign(document.createElement('code'), { textContent: part.slice(1, -1) }));
    else out.push(document.createTextNode(part));
  }
  return out;
}

let list = null;
let paragraph = null;
for (const line of source.split('\n')) {
  const heading = line.match(/^(#{1,3}) (.*)$/);
  if (heading) {
    list = paragraph = null;
    const node = document.createElement(`h${heading[1].length}`);
    node.append(...inline(heading[2]));
    main.append(node);
    if (heading[1].length === 1) document.title = heading[2];
  } else if (line.startsWith('- ')) {
    paragraph = null;
    if (!list) main.append(list = document.createElement('ul'));
    const item = document.createElement('li');
    item.append(...inline(line.slice(2)));
    list.append(item);
  } else if (line.trim() === '') {
    list = paragraph = null;
  } else if (list && line.startsWith('  ')) {
    list.lastElementChild.append(' ', ...inline(line.trim()));
  } else {
    list = null;
    if (!paragraph) main.append(paragraph = document.createElement('p'));
    else paragraph.append(' ');
    paragraph.append(...inline(line.trim()));
  }
}
