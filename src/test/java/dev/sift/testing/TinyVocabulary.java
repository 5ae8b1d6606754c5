package dev.sift.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A SentencePiece-style ({@code tokenizer.ggml.model = llama}) vocabulary laid out like Llama's: {@code <unk>},
 * {@code <s>}, {@code </s>}, the 256 byte-fallback tokens, then normal pieces. Any text can be tokenized (characters
 * without a piece fall back to their UTF-8 bytes), and English words, JSON punctuation and the Zephyr chat tags get
 * pieces of their own.
 */
record TinyVocabulary(List<Token> tokens) {

	static final int UNKNOWN_ID = 0;
	static final int BOS_ID = 1;
	static final int EOS_ID = 2;
	/** Byte-fallback tokens {@code <0x00>}…{@code <0xFF>} have the ids {@code FIRST_BYTE_ID + byte}. */
	static final int FIRST_BYTE_ID = 3;

	/** SentencePiece marks a preceding space with U+2581. */
	private static final String SPACE = "\u2581";

	private static final List<String> JSON_PIECES =
			List.of("{\"", "\":", "\",", "\"}", SPACE + "\"", "\":" + SPACE + "\"", "\"]", "[\"", "\",\"", "},", "],");

	private static final List<String> CHAT_TAGS = List.of("<|system|>", "<|user|>", "<|assistant|>");

	private static final String WORDS = """
			the be to of and a in that have I it for not on with he as you do at this but his by from they we say her
			she or an will my one all would there their what so up out if about who get which go me when make can like
			time no just him know take people into year your good some could them see other than then now look only
			come its over think also back after use two how our work first well way even new want because any these
			give day most us is are was were has had been did said does done very much many more such here where why
			while should must might may shall each every both few little long great old right big high different small
			large next early young important public bad same able last own best better system user assistant message
			content role answer question help please thank thanks sorry yes hello hi text review product service price
			quality delivery customer order support team issue problem result summary label category topic sentiment
			positive negative neutral score reason language english true false null none value name type list item
			items data json object array string number love hate happy sad angry fine okay terrible awful excellent
			poor slow fast late broken again never always still too really quite almost already soon today tomorrow
			yesterday week month home world life hand part place case point group company fact child woman man water
			room money story night word book eye job business side kind head house friend hour game line end city car
			law family state country school government program mind health art war history tell find ask seem feel try
			leave call keep let begin show hear play run move live believe hold bring happen write provide sit stand
			lose pay meet include continue set learn change lead understand watch follow stop create speak read allow
			add spend grow open walk win offer remember consider appear buy wait serve die send expect build stay fall
			cut reach kill remain suggest raise pass sell
			""";

	static TinyVocabulary ofSize(int size) {
		List<Token> tokens = specialAndByteTokens();
		Set<String> pieces = normalPieces();
		padWithGeneratedPieces(pieces, size - tokens.size());
		pieces.forEach(piece -> tokens.add(Token.normal(piece)));
		if (tokens.size() != size) {
			throw new IllegalArgumentException("a vocabulary needs at least " + tokens.size() + " tokens, not " + size);
		}
		return new TinyVocabulary(List.copyOf(tokens));
	}

	/** Number of tokens without generated padding: the smallest size {@link #ofSize} accepts. */
	static int naturalSize() {
		return specialAndByteTokens().size() + normalPieces().size();
	}

	List<String> pieces() {
		return tokens.stream().map(Token::piece).toList();
	}

	float[] scores() {
		float[] scores = new float[tokens.size()];
		for (int i = 0; i < scores.length; i++) {
			scores[i] = tokens.get(i).score();
		}
		return scores;
	}

	int[] types() {
		return tokens.stream().mapToInt(token -> token.type().id).toArray();
	}

	private static List<Token> specialAndByteTokens() {
		List<Token> tokens = new ArrayList<>();
		tokens.add(new Token("<unk>", 0, TokenType.UNKNOWN));
		tokens.add(new Token("<s>", 0, TokenType.CONTROL));
		tokens.add(new Token("</s>", 0, TokenType.CONTROL));
		for (int b = 0; b < 256; b++) {
			tokens.add(new Token(String.format(Locale.ROOT, "<0x%02X>", b), 0, TokenType.BYTE));
		}
		return tokens;
	}

	private static Set<String> normalPieces() {
		Set<String> pieces = new LinkedHashSet<>();
		pieces.add(SPACE);
		for (char c = '!'; c <= '~'; c++) {
			pieces.add(String.valueOf(c));
		}
		JSON_PIECES.forEach(piece -> addWithPrefixes(pieces, piece));
		CHAT_TAGS.forEach(piece -> addWithPrefixes(pieces, piece));
		for (String word : WORDS.trim().split("\\s+")) {
			addWithPrefixes(pieces, SPACE + word);
		}
		return pieces;
	}

	/**
	 * llama.cpp's SentencePiece tokenizer only merges adjacent pieces into a piece of the vocabulary, so a long piece
	 * is reachable only through a chain of shorter ones: every prefix becomes a piece too.
	 */
	private static void addWithPrefixes(Set<String> pieces, String piece) {
		for (int end = 2; end <= piece.length(); end++) {
			pieces.add(piece.substring(0, end));
		}
	}

	/** Adds word-like pieces ("▁b", "▁c", … "▁aa", …) up to {@code target}, as many as a real model has. */
	private static void padWithGeneratedPieces(Set<String> pieces, int target) {
		for (int n = 0; pieces.size() < target; n++) {
			pieces.add(SPACE + lettersOf(n));
		}
	}

	/** Bijective base 26: 0 → "a", 25 → "z", 26 → "aa". */
	private static String lettersOf(int n) {
		StringBuilder letters = new StringBuilder();
		for (int rest = n + 1; rest > 0; rest = (rest - 1) / 26) {
			letters.append((char) ('a' + (rest - 1) % 26));
		}
		return letters.reverse().toString();
	}

	enum TokenType {
		NORMAL(1), UNKNOWN(2), CONTROL(3), BYTE(6);

		final int id;

		TokenType(int id) {
			this.id = id;
		}
	}

	/**
	 * The tokenizer merges the best-scoring pair first; scoring longer pieces higher makes it prefer whole words and
	 * JSON punctuation over their fragments.
	 */
	record Token(String piece, float score, TokenType type) {

		static Token normal(String piece) {
			return new Token(piece, piece.codePointCount(0, piece.length()), TokenType.NORMAL);
		}
	}
}
