// The file reading and problem collection moved to Yardstick.App (shared by evaluate and the database imports).
global using Problems = Yardstick.App.Files.Problems;
global using Row = Yardstick.App.Files.Row;
global using TableFile = Yardstick.App.Files.TableFile;
