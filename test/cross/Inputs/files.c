// Files in a preopened directory (--dir HOST::/data): stdio write/read/seek, stat, mkdir, rename,
// unlink, readdir, and 64-bit file offsets (seek, pread/pwrite, ftruncate and fallocate beyond
// 4 GiB in a sparse file), which 32-bit targets must pass through the kernel's 64-bit calls.
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  FILE *f = fopen("/data/hello.txt", "w");
  if (!f) { perror("fopen"); return 1; }
  for (int i = 1; i <= 3; i++) fprintf(f, "line %d\n", i);
  fclose(f);
  f = fopen("/data/hello.txt", "r");
  char line[64];
  while (fgets(line, sizeof line, f)) printf("read: %s", line);
  fseek(f, 5, SEEK_SET);
  printf("ftell=%ld char=%c\n", ftell(f), fgetc(f));
  fclose(f);
  struct stat st;
  stat("/data/hello.txt", &st);
  printf("size=%lld\n", (long long)st.st_size);

  int fd = open("/data/sparse.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
  off_t big = 5LL << 30;
  printf("lseek=%lld\n", (long long)lseek(fd, big, SEEK_SET));
  printf("write=%zd\n", write(fd, "x", 1));
  printf("lseek_cur=%lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("pwrite=%zd\n", pwrite(fd, "yz", 2, big + 1));
  char b[4] = {0};
  printf("pread=%zd %s\n", pread(fd, b, 3, big), b);
  fstat(fd, &st);
  printf("size=%lld\n", (long long)st.st_size);
  printf("ftruncate=%d\n", ftruncate(fd, 6LL << 30));
  fstat(fd, &st);
  printf("size=%lld\n", (long long)st.st_size);
  printf("fallocate=%d\n", posix_fallocate(fd, (7LL << 30) + 5, 10));
  fstat(fd, &st);
  printf("size=%lld\n", (long long)st.st_size);
  printf("lseek_end=%lld\n", (long long)lseek(fd, -1, SEEK_END));
  ftruncate(fd, 3);
  close(fd);

  mkdir("/data/sub", 0755);
  rename("/data/hello.txt", "/data/sub/moved.txt");
  printf("stat moved=%d old=%d\n", stat("/data/sub/moved.txt", &st), stat("/data/hello.txt", &st));
  DIR *d = opendir("/data");
  char *names[16];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 16)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
  closedir(d);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (strcmp(names[j], names[i]) < 0) { char *t = names[i]; names[i] = names[j]; names[j] = t; }
  for (int i = 0; i < n; i++) printf("entry: %s\n", names[i]);
  printf("unlink=%d\n", unlink("/data/sparse.bin"));
  printf("files ok\n");
  return 0;
}
