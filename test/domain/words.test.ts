import { describe, expect, it } from "vitest";
import { parseLead } from "../../src/domain/lead/parse.js";
import { WORDS, wordFileProblems } from "../../src/domain/lead/words.js";

describe("the parser's word lists are data, checked when loaded", () => {
  it("loads every file under src/domain/lead/words, each saying what its words are for", () => {
    for (const file of Object.values(WORDS)) expect(file.about.length).toBeGreaterThan(20);
    expect(WORDS.titles.words.director).toContain("head of");
    expect(WORDS.labels.words.title).toContain("job title");
  });

  it("refuses a list with a word twice, a blank word, a name no fact has, a missing list or a stray key", () => {
    expect(wordFileProblems("titles", WORDS.titles)).toEqual([]);
    const titles = structuredClone(WORDS.titles);
    const twice = { ...titles, words: { ...titles.words, vp: [...titles.words.vp, "vp"] } };
    expect(wordFileProblems("titles", twice)).toEqual(['words.vp: "vp" is listed twice']);
    const blank = { ...titles, words: { ...titles.words, vp: ["vp", " "] } };
    expect(wordFileProblems("titles", blank)).toEqual(["words.vp: a word is blank"]);
    const unknown = { ...titles, words: { ...titles.words, wizard: ["archmage"] } };
    expect(wordFileProblems("titles", unknown)).toEqual(["words.wizard: not a name this list may have"]);
    const { vp: _dropped, ...rest } = titles.words;
    expect(wordFileProblems("titles", { ...titles, words: rest })).toEqual(["words.vp: missing"]);
    const places = { ...WORDS.places, cities: { ...WORDS.places.cities, Germany: ["berlin"] } };
    expect(wordFileProblems("places", places)).toEqual(["cities.Germany: not a name this list may have"]);
    expect(wordFileProblems("context", { ...WORDS.context, about: "", extra: [] })).toEqual([
      "about: say what the words are for",
      "extra: not a part of this file",
    ]);
  });

  it("reads a language through its words alone: the Portuguese titles in titles.json", () => {
    expect(WORDS.titles.words.director).toContain("diretora");
    const lead = parseLead("Boa tarde!\n\nCarla Nunes\nDiretora Financeira\nGranito Azul Lda");
    expect(lead.facts.title?.value).toBe("Diretora Financeira");
    expect(lead.facts.seniority?.value).toBe("director");
  });
});
