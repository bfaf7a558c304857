package dev.streamrec.events;

import dev.streamrec.schema.Attributes;
import dev.streamrec.schema.ItemProfile;
import dev.streamrec.schema.UserProfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line-level parsing of the MovieLens files. A parser signals a bad line by throwing {@link IllegalArgumentException}
 * (which includes {@link NumberFormatException}); {@link #forEachLine} turns that into a {@link MalformedLine}.
 */
final class MovieLensParsing {
    /** ml-1m occupation codes 0..20, named as in GroupLens' ml-1m README (code 0 is "other or not specified"). */
    static final List<String> ML_1M_OCCUPATIONS = List.of(
            "other", "academic/educator", "artist", "clerical/admin", "college/grad student", "customer service",
            "doctor/health care", "executive/managerial", "farmer", "homemaker", "K-12 student", "lawyer",
            "programmer", "retired", "sales/marketing", "scientist", "self-employed", "technician/engineer",
            "tradesman/craftsman", "unemployed", "writer");

    /** The 19 ml-100k genres in flag order, used when {@code u.genre} is absent. */
    static final List<String> ML_100K_GENRES = List.of(
            "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
            "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War",
            "Western");

    private static final Pattern TITLE_YEAR = Pattern.compile("\\s*\\((\\d{4})\\)");
    private static final Pattern DATE_YEAR = Pattern.compile("(\\d{4})\\s*$");

    /** Handles one non-blank line; throws {@link IllegalArgumentException} when the line is malformed. */
    @FunctionalInterface
    interface LineHandler {
        void accept(String line, long lineNumber);
    }

    private MovieLensParsing() {
    }

    /**
     * Reads {@code file} as ISO-8859-1, skipping blank lines, and reports each line {@code handler} rejects.
     *
     * @return the number of malformed lines
     */
    static long forEachLine(final Path file, final LineHandler handler, final Consumer<MalformedLine> onMalformed)
            throws IOException {
        final String name = file.getFileName().toString();
        long lineNumber = 0;
        long malformed = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    handler.accept(line, lineNumber);
                } catch (final IllegalArgumentException e) {
                    malformed++;
                    onMalformed.accept(new MalformedLine(name, lineNumber, String.valueOf(e.getMessage()), line));
                }
            }
        }
        return malformed;
    }

    /** Splits {@code line} at every {@code separator}; exactly {@code expected} fields or an exception. */
    static String[] split(final String line, final String separator, final int expected) {
        final String[] fields = new String[expected];
        int start = 0;
        int count = 0;
        while (true) {
            final int end = line.indexOf(separator, start);
            if (count == expected) {
                throw fieldCount(line, separator, expected);
            }
            fields[count++] = end < 0 ? line.substring(start) : line.substring(start, end);
            if (end < 0) {
                break;
            }
            start = end + separator.length();
        }
        if (count != expected) {
            throw fieldCount(line, separator, expected);
        }
        return fields;
    }

    private static IllegalArgumentException fieldCount(final String line, final String separator,
                                                       final int expected) {
        final int found = line.split(Pattern.quote(separator), -1).length;
        return new IllegalArgumentException("expected " + expected + " fields separated by '" + separator
                + "', found " + found);
    }

    /** Parses a positive integer id, naming the field in the error. */
    static int parseId(final String field, final String what) {
        final String trimmed = field.trim();
        final int id;
        try {
            id = Integer.parseInt(trimmed);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not an integer: '" + trimmed + "'", e);
        }
        if (id < 0) {
            throw new IllegalArgumentException(what + " is negative: " + id);
        }
        return id;
    }

    /** The ml-100k {@code u.user} line {@code id|age|gender|occupation|zip}. */
    static UserProfile ml100kUser(final String line, final Instant updateTime) {
        final String[] f = split(line, "|", 5);
        final int id = parseId(f[0], "user id");
        final int age = parseId(f[1], "age");
        return user(id, f[2], f[3].trim(), age, f[4], updateTime);
    }

    /** The ml-1m {@code users.dat} line {@code UserID::Gender::Age::Occupation::Zip-code}. */
    static UserProfile ml1mUser(final String line, final Instant updateTime) {
        final String[] f = split(line, "::", 5);
        final int id = parseId(f[0], "user id");
        final int age = parseId(f[2], "age group");
        final int occupation = parseId(f[3], "occupation code");
        if (occupation >= ML_1M_OCCUPATIONS.size()) {
            throw new IllegalArgumentException("occupation code " + occupation + " is not in 0.."
                    + (ML_1M_OCCUPATIONS.size() - 1));
        }
        return user(id, f[1], ML_1M_OCCUPATIONS.get(occupation), age, f[4], updateTime);
    }

    private static UserProfile user(final int id, final String gender, final String occupation, final int age,
                                    final String zip, final Instant updateTime) {
        final Map<String, List<String>> categorical = new HashMap<>();
        putIfPresent(categorical, "gender", gender.trim().toUpperCase(Locale.ROOT));
        putIfPresent(categorical, "occupation", occupation);
        final String zipTrimmed = zip.trim().toUpperCase(Locale.ROOT);
        putIfPresent(categorical, "zip", zipTrimmed.substring(0, Math.min(3, zipTrimmed.length())));
        final Map<String, Double> numeric = new HashMap<>();
        numeric.put("age", (double) age);
        return new UserProfile(Integer.toString(id), new Attributes(categorical, numeric), null, updateTime);
    }

    /** The ml-100k {@code u.item} line {@code id|title|release date|video release date|URL|flags...}. */
    static ItemProfile ml100kItem(final String line, final List<String> genres, final Instant updateTime) {
        final String[] f = split(line, "|", 5 + genres.size());
        final int id = parseId(f[0], "item id");
        final List<String> itemGenres = new ArrayList<>();
        for (int g = 0; g < genres.size(); g++) {
            final String flag = f[5 + g].trim();
            if ("1".equals(flag)) {
                itemGenres.add(genres.get(g));
            } else if (!"0".equals(flag)) {
                throw new IllegalArgumentException("genre flag " + g + " is '" + flag + "', not 0 or 1");
            }
        }
        return item(id, f[1], f[2], itemGenres, updateTime);
    }

    /** The ml-1m {@code movies.dat} line {@code MovieID::Title::Genres} with {@code |}-separated genres. */
    static ItemProfile ml1mItem(final String line, final Instant updateTime) {
        final String[] f = split(line, "::", 3);
        final int id = parseId(f[0], "item id");
        final List<String> itemGenres = new ArrayList<>();
        for (final String genre : f[2].split("\\|")) {
            if (!genre.isBlank() && !"(no genres listed)".equals(genre.trim())) {
                itemGenres.add(genre.trim());
            }
        }
        return item(id, f[1], "", itemGenres, updateTime);
    }

    private static ItemProfile item(final int id, final String rawTitle, final String releaseDate,
                                    final List<String> genres, final Instant updateTime) {
        final Map<String, List<String>> categorical = new HashMap<>();
        if (!genres.isEmpty()) {
            categorical.put("genre", genres);
        }
        String title = rawTitle.trim();
        String year = null;
        final Matcher matcher = TITLE_YEAR.matcher(title);
        int start = -1;
        int end = -1;
        while (matcher.find()) {
            start = matcher.start();
            end = matcher.end();
            year = matcher.group(1);
        }
        if (year != null) {
            title = (title.substring(0, start) + title.substring(end)).trim();
        } else {
            final Matcher date = DATE_YEAR.matcher(releaseDate);
            if (date.find()) {
                year = date.group(1);
            }
        }
        putIfPresent(categorical, "year", year);
        return new ItemProfile(Integer.toString(id), new Attributes(categorical, new HashMap<>()),
                title.isEmpty() ? null : title, updateTime);
    }

    /** Reads {@code u.genre} ({@code name|index} lines) into a list indexed by flag position. */
    static List<String> ml100kGenres(final Path file, final Consumer<MalformedLine> onMalformed) throws IOException {
        if (!Files.isRegularFile(file)) {
            return ML_100K_GENRES;
        }
        final Map<Integer, String> byIndex = new HashMap<>();
        forEachLine(file, (line, lineNumber) -> {
            final String[] f = split(line, "|", 2);
            byIndex.put(parseId(f[1], "genre index"), f[0].trim());
        }, onMalformed);
        final List<String> genres = new ArrayList<>();
        for (int i = 0; i < byIndex.size(); i++) {
            final String name = byIndex.get(i);
            if (name == null) {
                throw new IOException(file + ": genre indexes are not 0.." + (byIndex.size() - 1));
            }
            genres.add(name);
        }
        return List.copyOf(genres);
    }

    private static void putIfPresent(final Map<String, List<String>> map, final String key, final String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, List.of(value));
        }
    }
}
