// The review page of `audiobook review`: the script, its lines' audio, speaker fixes and the voice desk.
// Plain JavaScript against the page's API (FORMATS.md, "Review page"); nothing is fetched from elsewhere.
"use strict";

const token = new URLSearchParams(location.search).get("token") || "";
const doubtThreshold = 0.65; // the text script's `?` lines

const state = {
  script: null,
  lines: [], // by id: the API's line plus `scene` (its scene's position)
  sceneOf: [], // scene position -> ids of its lines
  sceneSpeakers: [], // scene position -> speakers numbered 1–9 for the keys
  speakers: [], // GET /api/speakers
  catalog: null, // GET /api/voices
  view: "script",
  order: [], // ids of the lines in the view shown, in order
  selected: null,
  undo: [], // batches of {id, before}
  unsaved: 0,
  playing: null, // {scene} while a scene plays on
  busy: false,
};

const $ = (id) => document.getElementById(id);
const player = $("player");

// MARK: The API

async function api(method, path, body) {
  const headers = { Authorization: "Bearer " + token };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try {
      const answer = await response.json();
      if (answer && answer.error && answer.error.message) message = answer.error.message;
    } catch (_) {}
    throw new Error(message);
  }
  return response;
}

function audioURL(id) {
  return "/api/lines/" + id + "/audio?token=" + encodeURIComponent(token);
}

// MARK: Colours: one per speaker, hues spread by the golden angle in the order speakers are met
// (the busiest first, as the script lists them), so that neighbours in the legend differ.

const hues = new Map();

function hue(name) {
  if (!hues.has(name)) hues.set(name, Math.round((20 + hues.size * 137.508) % 360));
  return hues.get(name);
}

function colours(name) {
  if (name === "narrator") return ["#6b7280", "#f3f4f6"];
  if (name === "unknown") return ["#b42318", "#fee4e2"];
  const h = hue(name);
  return ["hsl(" + h + " 62% 36%)", "hsl(" + h + " 75% 95%)"];
}

// MARK: Rendering

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// The line's words with its emphasis (offsets in Unicode scalars) as <em>.
function wordsHTML(line) {
  const scalars = Array.from(line.text);
  if (!line.emphasis || line.emphasis.length === 0) return escapeHTML(line.text);
  let html = "";
  let position = 0;
  for (const [lower, upper] of [...line.emphasis].sort((a, b) => a[0] - b[0])) {
    const start = Math.min(Math.max(lower, position), scalars.length);
    const end = Math.min(Math.max(upper, start), scalars.length);
    html += escapeHTML(scalars.slice(position, start).join("")) + "<em>" + escapeHTML(scalars.slice(start, end).join("")) + "</em>";
    position = end;
  }
  return html + escapeHTML(scalars.slice(position).join(""));
}

function isDoubtful(line) {
  return line.kind === "dialogue" && line.confidence !== undefined && line.confidence !== null && line.confidence < doubtThreshold;
}

function describe(line) {
  if (line.kind !== "dialogue") return line.kind + " · read by the narrator";
  const confidence = line.confidence === undefined || line.confidence === null ? "—" : line.confidence.toFixed(2);
  return line.speaker + " · rule: " + (line.rule || "—") + " · confidence " + confidence;
}

function lineHTML(line, where) {
  const classes = ["line", line.kind];
  let style = "";
  let flags = "";
  let body;
  if (line.kind === "dialogue") {
    const [colour, tint] = colours(line.speaker);
    style = ' style="--c:' + colour + ";--t:" + tint + '"';
    if (isDoubtful(line)) {
      classes.push("doubtful");
      flags += '<span class="flag doubt" title="doubtful">? ' + escapeHTML(line.rule || "") + " " + line.confidence.toFixed(2) + "</span>";
    }
    if (line.rule === "edited") {
      classes.push("edited");
      flags += '<span class="flag edited">edited</span>';
    }
    body = '<span class="who">' + escapeHTML(line.speaker) + '</span><span class="text">“' + wordsHTML(line) + "”</span>";
  } else {
    body = '<span class="text">' + wordsHTML(line) + "</span>";
  }
  if (line.id === state.selected) classes.push("selected");
  const prefix = where ? '<span class="where">' + escapeHTML(where) + "</span>" : "";
  return (
    '<div class="' + classes.join(" ") + '" data-id="' + line.id + '" data-speaker="' + escapeHTML(line.speaker) + '"' + style +
    ' title="' + escapeHTML(describe(line)) + '">' + prefix + body + flags + "</div>"
  );
}

function sceneTitle(position) {
  const scene = state.script.scenes[position];
  return "Scene " + scene.index + (scene.chapter ? " · " + scene.chapter : "");
}

function sceneSpeakersHTML(position) {
  return state.sceneSpeakers[position]
    .map((name, index) => '<span class="key"><kbd>' + (index + 1) + "</kbd> " + escapeHTML(name) + "</span>")
    .join("");
}

function renderScript() {
  const parts = [];
  state.script.scenes.forEach((scene, position) => {
    parts.push('<section class="scene" data-scene="' + position + '"><h2>' + escapeHTML(sceneTitle(position)) +
      '<span class="scene-speakers">' + sceneSpeakersHTML(position) + "</span></h2>");
    let paragraph = null;
    for (const id of state.sceneOf[position]) {
      const line = state.lines[id];
      if (line.paragraph !== paragraph) {
        if (paragraph !== null) parts.push("</div>");
        parts.push('<div class="para">');
        paragraph = line.paragraph;
      }
      parts.push(lineHTML(line));
    }
    if (paragraph !== null) parts.push("</div>");
    parts.push("</section>");
  });
  $("script").innerHTML = parts.join("");
}

function doubtOrder() {
  return state.lines
    .filter((line) => line.kind === "dialogue")
    .sort((a, b) => (a.confidence ?? 1) - (b.confidence ?? 1) || a.id - b.id)
    .map((line) => line.id);
}

function renderDoubt() {
  const ids = doubtOrder();
  const doubtful = ids.filter((id) => isDoubtful(state.lines[id])).length;
  const parts = ['<p class="doubt-head">' + ids.length + " dialogue lines, least confident first; " + doubtful +
    " doubtful (below " + doubtThreshold.toFixed(2) + ").</p>"];
  for (const id of ids) {
    const line = state.lines[id];
    parts.push(lineHTML(line, "scene " + state.script.scenes[line.scene].index));
  }
  $("doubt").innerHTML = parts.join("");
  for (const row of $("doubt").querySelectorAll(".line")) row.classList.add("doubt-row");
}

function elements(id) {
  return document.querySelectorAll('.line[data-id="' + id + '"]');
}

function refreshLine(id) {
  const line = state.lines[id];
  for (const element of elements(id)) {
    const where = element.querySelector(".where");
    element.outerHTML = lineHTML(line, where ? where.textContent : undefined);
  }
  for (const element of elements(id)) if (element.closest("#doubt")) element.classList.add("doubt-row");
  if (state.selected === id) placeEditor();
}

function refreshSceneHeader(position) {
  const heading = document.querySelector('.scene[data-scene="' + position + '"] .scene-speakers');
  if (heading) heading.innerHTML = sceneSpeakersHTML(position);
}

function renderLegend() {
  const counts = {};
  for (const line of state.lines) if (line.kind === "dialogue") counts[line.speaker] = (counts[line.speaker] || 0) + 1;
  $("legend").innerHTML = state.speakers
    .map((speaker) => {
      const [colour, tint] = colours(speaker.name);
      return '<li data-speaker="' + escapeHTML(speaker.name) + '" title="' + escapeHTML(speaker.automatic ? "automatic voice " + speaker.source : speaker.source) + '">' +
        '<span class="swatch" style="background:' + colour + ";border-color:" + tint + '"></span><span class="name">' + escapeHTML(speaker.name) +
        (speaker.automatic ? ' <span class="auto">auto</span>' : "") + '</span><span class="count">' + (counts[speaker.name] || 0) + "</span></li>";
    })
    .join("");
  const names = state.speakers.filter((s) => s.name !== "unknown").map((s) => s.name);
  $("speaker-names").innerHTML = names.map((name) => '<option value="' + escapeHTML(name) + '">').join("");
}

function updateStatus(message, kind) {
  const status = $("status");
  status.classList.remove("error", "dirty");
  if (message) {
    status.textContent = message;
    if (kind) status.classList.add(kind);
    return;
  }
  const dialogue = state.lines.filter((line) => line.kind === "dialogue");
  const doubtful = dialogue.filter(isDoubtful).length;
  let text = state.lines.length + " lines · " + dialogue.length + " dialogue · " + doubtful + " doubtful";
  if (state.unsaved > 0) {
    text += " · " + state.unsaved + " unsaved change" + (state.unsaved === 1 ? "" : "s");
    status.classList.add("dirty");
  }
  status.textContent = text;
  $("undo").disabled = state.undo.length === 0;
}

// MARK: Selection and the line editor

function select(id, scroll = true) {
  if (state.selected !== null) for (const element of elements(state.selected)) element.classList.remove("selected");
  state.selected = id;
  if (id === null) {
    $("editor").hidden = true;
    return;
  }
  for (const element of elements(id)) element.classList.add("selected");
  placeEditor();
  const element = currentElement(id);
  if (scroll && element) element.scrollIntoView({ block: "nearest" });
}

function currentElement(id) {
  return $(state.view).querySelector('.line[data-id="' + id + '"]');
}

function placeEditor() {
  const editor = $("editor");
  const line = state.lines[state.selected];
  const element = currentElement(state.selected);
  if (!line || line.kind !== "dialogue" || !element) {
    editor.hidden = true;
    return;
  }
  element.after(editor);
  editor.hidden = false;
  $("editor-keys").innerHTML = state.sceneSpeakers[line.scene]
    .map((name, index) => '<button type="button" data-give="' + escapeHTML(name) + '"><kbd>' + (index + 1) + "</kbd>" + escapeHTML(name) + "</button>")
    .join("");
  $("editor-speaker").value = line.speaker;
  const same = state.sceneOf[line.scene].filter((id) => state.lines[id].kind === "dialogue" && state.lines[id].speaker === line.speaker).length;
  $("editor-all-label").textContent = "all " + same + " of " + line.speaker + "’s lines in this scene";
  $("editor-all").checked = false;
}

function move(step, predicate = () => true) {
  const order = state.order;
  if (order.length === 0) return;
  let index = state.selected === null ? (step > 0 ? -1 : order.length) : order.indexOf(state.selected);
  for (let tries = 0; tries < order.length; tries++) {
    index += step;
    if (index < 0 || index >= order.length) return;
    if (predicate(state.lines[order[index]])) {
      select(order[index]);
      return;
    }
  }
}

// MARK: Changing speakers

async function give(speaker, wholeScene) {
  const line = state.lines[state.selected];
  if (!line || line.kind !== "dialogue" || !speaker) return;
  const ids = wholeScene
    ? state.sceneOf[line.scene].filter((id) => state.lines[id].kind === "dialogue" && state.lines[id].speaker === line.speaker)
    : [line.id];
  await reassign(ids, speaker);
}

async function reassign(ids, speaker, recordUndo = true) {
  if (state.busy) return;
  state.busy = true;
  const batch = [];
  try {
    for (const id of ids) {
      const before = state.lines[id].speaker;
      if (before === speaker) continue;
      const answer = await (await api("PATCH", "/api/lines/" + id, { speaker })).json();
      state.lines[id] = Object.assign({}, state.lines[id], answer);
      batch.push({ id, before });
      const scene = state.lines[id].scene;
      if (!state.sceneSpeakers[scene].includes(speaker)) {
        state.sceneSpeakers[scene].push(speaker);
        refreshSceneHeader(scene);
      }
      refreshLine(id);
    }
    if (batch.length > 0) {
      if (recordUndo) state.undo.push(batch);
      state.unsaved += recordUndo ? batch.length : -batch.length;
      state.unsaved = Math.max(0, state.unsaved);
      await loadSpeakers();
      if (state.view === "doubt") renderDoubt();
    }
    updateStatus();
  } catch (error) {
    updateStatus(error.message, "error");
  } finally {
    state.busy = false;
  }
  return batch;
}

async function undo() {
  const batch = state.undo.pop();
  if (!batch) return;
  for (const change of [...batch].reverse()) await reassign([change.id], change.before, false);
  if (state.lines[batch[0].id]) select(batch[0].id);
  updateStatus();
}

async function save() {
  try {
    const answer = await (await api("POST", "/api/save")).json();
    state.unsaved = 0;
    updateStatus();
    updateStatus("Saved " + answer.lines + " lines to " + answer.path);
  } catch (error) {
    updateStatus(error.message, "error");
  }
}

// MARK: Hearing lines

function markPlaying(id) {
  for (const element of document.querySelectorAll(".line.playing")) element.classList.remove("playing");
  if (id !== null) for (const element of elements(id)) element.classList.add("playing");
}

function play(id, onward = false) {
  const line = state.lines[id];
  if (!line) return;
  state.playing = onward ? { scene: line.scene, id } : { id };
  markPlaying(id);
  player.src = audioURL(id);
  player.play().catch((error) => {
    if (error.name !== "AbortError") updateStatus("cannot play line " + id + ": " + error.message, "error");
  });
}

function stop() {
  state.playing = null;
  player.pause();
  markPlaying(null);
}

player.addEventListener("ended", () => {
  const playing = state.playing;
  if (!playing || playing.scene === undefined) {
    markPlaying(null);
    return;
  }
  const ids = state.sceneOf[playing.scene];
  const next = ids[ids.indexOf(playing.id) + 1];
  if (next === undefined) {
    stop();
    return;
  }
  select(next);
  play(next, true);
});

player.addEventListener("error", () => {
  if (player.src) updateStatus("the line's audio could not be played", "error");
});

// MARK: The voice desk

function deskSpeaker() {
  return state.speakers.find((speaker) => speaker.name === $("desk-speaker").value);
}

const sliders = ["rate", "pitch", "range", "volume", "wordgap"];

function openDesk(name) {
  const speaker = state.speakers.find((entry) => entry.name === name) || state.speakers[0];
  if (!speaker) return;
  $("desk-speaker").value = speaker.name;
  for (const item of document.querySelectorAll("#legend li")) item.classList.toggle("on", item.dataset.speaker === speaker.name);
  const profile = speaker.profile;
  const voice = $("desk-voice");
  if (![...voice.options].some((option) => option.value === profile.voice)) voice.add(new Option(profile.voice, profile.voice));
  voice.value = profile.voice;
  $("desk-variant").value = profile.variant || "";
  for (const key of sliders) {
    const input = $("desk-" + key);
    input.max = Math.max(Number(input.max), profile[key]);
    input.value = profile[key];
    input.nextElementSibling.value = profile[key];
  }
  $("desk-source").textContent = speaker.automatic
    ? "Automatic voice " + speaker.source + " (" + speaker.reason + "). Keep writes a profile that starts from it."
    : "Profile " + speaker.source + " (" + speaker.reason + ").";
  const tunable = speaker.tunable !== false;
  for (const id of ["desk-hear", "desk-keep", "desk-reset"]) $(id).disabled = !tunable;
}

function deskSettings() {
  const settings = { voice: $("desk-voice").value };
  const variant = $("desk-variant").value;
  if (variant) settings.variant = variant;
  for (const key of sliders) settings[key] = Number($("desk-" + key).value);
  return settings;
}

function fillDesk() {
  const voices = [...state.catalog.voices].sort((a, b) => a.language.localeCompare(b.language));
  $("desk-voice").innerHTML = voices
    .map((v) => '<option value="' + escapeHTML(v.language) + '">' + escapeHTML(v.language + " — " + v.name) + "</option>")
    .join("");
  $("desk-variant").innerHTML = '<option value="">(none)</option>' +
    state.catalog.variants.map((v) => '<option value="' + escapeHTML(v.name) + '">' + escapeHTML(v.name + " — " + v.description) + "</option>").join("");
  for (const key of sliders) {
    const limits = state.catalog.limits[key];
    const input = $("desk-" + key);
    input.min = limits[0];
    input.max = key === "wordgap" ? 100 : limits[1];
  }
}

async function hear() {
  const speaker = deskSpeaker();
  if (!speaker) return;
  const body = deskSettings();
  const selected = state.lines[state.selected];
  if (selected && (selected.kind === "dialogue" ? selected.speaker === speaker.name : speaker.name === "narrator")) body.line = selected.id;
  try {
    const response = await api("POST", "/api/speakers/" + encodeURIComponent(speaker.name) + "/audition", body);
    const blob = await response.blob();
    stop();
    player.src = URL.createObjectURL(blob);
    await player.play();
    updateStatus("Trying a voice for " + speaker.name + " (not kept)");
  } catch (error) {
    updateStatus(error.message, "error");
  }
}

async function keep() {
  const speaker = deskSpeaker();
  if (!speaker) return;
  try {
    const answer = await (await api("PUT", "/api/speakers/" + encodeURIComponent(speaker.name) + "/voice", deskSettings())).json();
    await loadSpeakers();
    openDesk(answer.name);
    updateStatus("Kept " + answer.name + "’s voice in " + answer.source);
  } catch (error) {
    updateStatus(error.message, "error");
  }
}

// MARK: Loading

async function loadSpeakers() {
  state.speakers = await (await api("GET", "/api/speakers")).json();
  const current = $("desk-speaker").value;
  renderLegendAndDesk(current);
}

function renderLegendAndDesk(current) {
  renderLegend();
  const names = state.speakers.map((speaker) => speaker.name);
  const listed = [...$("desk-speaker").options].map((option) => option.value);
  if (names.join("\n") !== listed.join("\n")) {
    $("desk-speaker").innerHTML = names.map((name) => '<option value="' + escapeHTML(name) + '">' + escapeHTML(name) + "</option>").join("");
  }
  openDesk(current || "narrator");
}

function showView(view) {
  state.view = view;
  $("script").hidden = view !== "script";
  $("doubt").hidden = view !== "doubt";
  $("view-script").classList.toggle("on", view === "script");
  $("view-doubt").classList.toggle("on", view === "doubt");
  $("view-script").setAttribute("aria-pressed", view === "script");
  $("view-doubt").setAttribute("aria-pressed", view === "doubt");
  if (view === "doubt") {
    renderDoubt();
    state.order = doubtOrder();
  } else {
    state.order = state.lines.map((line) => line.id);
  }
  if (state.selected !== null) select(state.selected);
}

async function load() {
  const [script, speakers, catalog] = await Promise.all([
    api("GET", "/api/script").then((r) => r.json()),
    api("GET", "/api/speakers").then((r) => r.json()),
    api("GET", "/api/voices").then((r) => r.json()),
  ]);
  state.script = script;
  state.speakers = speakers;
  for (const character of script.characters) hue(character.name);
  state.catalog = catalog;
  script.scenes.forEach((scene, position) => {
    const ids = [];
    const names = [];
    for (const line of scene.lines) {
      line.scene = position;
      state.lines[line.id] = line;
      ids.push(line.id);
      if (line.kind === "dialogue" && line.speaker !== "unknown" && !names.includes(line.speaker)) names.push(line.speaker);
    }
    state.sceneOf.push(ids);
    state.sceneSpeakers.push(names);
  });
  document.title = (script.title || script.source) + " · audiobook review";
  $("title").textContent = script.title || script.source;
  $("title").title = script.source;
  fillDesk();
  renderScript();
  renderLegendAndDesk("narrator");
  showView("script");
  updateStatus();
  document.body.dataset.ready = "true";
}

// MARK: Events

document.addEventListener("click", (event) => {
  const giveButton = event.target.closest("[data-give]");
  if (giveButton) {
    give(giveButton.dataset.give, $("editor-all").checked);
    return;
  }
  const legend = event.target.closest("#legend li");
  if (legend) {
    openDesk(legend.dataset.speaker);
    return;
  }
  const element = event.target.closest(".line");
  if (element) {
    const id = Number(element.dataset.id);
    select(id, false);
    play(id);
  }
});

$("view-script").addEventListener("click", () => showView("script"));
$("view-doubt").addEventListener("click", () => showView("doubt"));
$("save").addEventListener("click", save);
$("undo").addEventListener("click", undo);
$("editor-apply").addEventListener("click", () => give($("editor-speaker").value.trim(), $("editor-all").checked));
$("editor-play").addEventListener("click", () => state.selected !== null && play(state.selected, true));
$("editor-speaker").addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    give($("editor-speaker").value.trim(), $("editor-all").checked);
    $("editor-speaker").blur();
  }
});
$("desk-speaker").addEventListener("change", () => openDesk($("desk-speaker").value));
$("desk-hear").addEventListener("click", hear);
$("desk-keep").addEventListener("click", keep);
$("desk-reset").addEventListener("click", () => openDesk($("desk-speaker").value));
for (const key of sliders) {
  const input = $("desk-" + key);
  input.addEventListener("input", () => (input.nextElementSibling.value = input.value));
}

document.addEventListener("keydown", (event) => {
  const typing = event.target.closest && event.target.closest("input, select, textarea");
  if ((event.ctrlKey || event.metaKey) && event.key === "s") {
    event.preventDefault();
    save();
    return;
  }
  if (event.key === "Escape") {
    stop();
    if (typing) event.target.blur();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (digit && state.selected !== null) {
    const line = state.lines[state.selected];
    const name = line && state.sceneSpeakers[line.scene][Number(digit[1]) - 1];
    if (name) give(name, event.shiftKey);
    event.preventDefault();
    return;
  }
  switch (event.key) {
    case "j": move(1); break;
    case "k": move(-1); break;
    case "n": move(1, isDoubtful); break;
    case "N": move(-1, isDoubtful); break;
    case " ":
      if (state.selected !== null) play(state.selected);
      break;
    case "p":
      if (state.selected !== null) play(state.selected, true);
      break;
    case "s":
      if (!$("editor").hidden) $("editor-speaker").select();
      break;
    case "v": {
      const line = state.lines[state.selected];
      if (line) openDesk(line.kind === "dialogue" && line.speaker !== "unknown" ? line.speaker : "narrator");
      break;
    }
    case "u": undo(); break;
    default: return;
  }
  event.preventDefault();
});

window.addEventListener("beforeunload", (event) => {
  if (state.unsaved > 0) {
    event.preventDefault();
    event.returnValue = "";
  }
});

load().catch((error) => updateStatus(error.message, "error"));
