// The program of the image tests: prints its argv, the GREETING variable and what it finds in the
// preopened /data (written then read back), so each of the image's baked-in settings shows in its output.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argv[0]=%s\n", argv[0]);
  for (int i = 1; i < argc; i++)
    printf("argv[%d]=%s\n", i, argv[i]);
  const char *greeting = getenv("GREETING");
  printf("GREETING=%s\n", greeting ? greeting : "(unset)");
  FILE *f = fopen("/data/note.txt", "w");
  if (!f) {
    printf("/data: not writable\n");
    return 3;
  }
  fprintf(f, "%d arguments\n", argc - 1);
  fclose(f);
  char line[64] = "";
  f = fopen("/data/note.txt", "r");
  if (!f || !fgets(line, sizeof line, f))
    return 4;
  printf("/data/note.txt: %s", line);
  return 0;
}
