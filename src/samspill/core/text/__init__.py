"""Text analysis shared by the apps that search: words, stems (Norwegian, Danish, Swedish,
English), compounds and stop words (`analysis`, `stopwords`). The answer finder's index and the
network directory's search both stem with it, so a word meets its forms the same way in both."""
