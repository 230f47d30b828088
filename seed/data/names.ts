/**
 * Name pools
 * ==========
 *
 * Given names and family names by naming culture, common ones first (the generator weights earlier
 * entries more, roughly like real frequency lists). Diacritics are kept as people type them; the e-mail
 * and handle builders fold them. `familyFirst` cultures are sometimes typed family name first.
 */
export type Culture =
  | "anglo"
  | "hispanic"
  | "indian"
  | "chinese"
  | "vietnamese"
  | "korean"
  | "japanese"
  | "nigerian"
  | "arabic"
  | "german"
  | "french"
  | "polish"
  | "brazilian"
  | "turkish"
  | "slavic";

export interface NamePool {
  given: readonly string[];
  family: readonly string[];
  familyFirst?: boolean;
}

const w = (s: string) => s.trim().split(/\s+/);

export const NAMES: Readonly<Record<Culture, NamePool>> = {
  anglo: {
    given: w(`James Mary Michael Jennifer John Linda Robert Elizabeth David Sarah William Jessica Richard Emily Joseph
      Ashley Thomas Amanda Christopher Megan Daniel Rachel Matthew Lauren Andrew Hannah Joshua Olivia Ryan Emma
      Brian Katherine Kevin Nicole Jason Rebecca Justin Samantha Brandon Stephanie Tyler Heather Eric Amy Adam
      Laura Nathan Kelly Benjamin Allison Zachary Madison Aaron Abigail Kyle Brooke Sean Natalie Ethan Grace
      Patrick Claire Connor Erin Dylan Molly Gregory Shannon Logan Chloe Cody Paige Travis Kayla Derek Hailey`),
    family: w(`Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson
      Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker
      Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy
      Cook Rogers Morgan Cooper Peterson Bailey Reed Kelly Howard Cox Ward Richardson Watson Brooks Wood
      Bennett Gray Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan Bell
      Coleman Butler Henderson Barnes Fisher Hayes Graham Wallace Hamilton O'Brien McCarthy Fitzgerald`),
  },
  hispanic: {
    given: w(`José María Juan Guadalupe Luis Carmen Carlos Ana Jorge Rosa Miguel Sofía Alejandro Valentina Diego
      Camila Javier Lucía Fernando Isabella Ricardo Daniela Eduardo Gabriela Andrés Mariana Manuel Paola Raúl
      Verónica Sergio Natalia Héctor Adriana Óscar Alejandra Francisco Elena Roberto Ximena`),
    family: w(`García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez
      Díaz Reyes Morales Cruz Ortiz Gutiérrez Chávez Ramos Ruiz Mendoza Álvarez Castillo Jiménez Vásquez Moreno
      Romero Herrera Medina Aguilar Vargas Castro Guzmán Fernández Salazar Delgado Peña Navarro`),
  },
  indian: {
    given: w(`Aarav Priya Rahul Ananya Amit Sneha Vikram Pooja Arjun Divya Rohan Kavya Sanjay Neha Karthik Aishwarya
      Aditya Shreya Suresh Lakshmi Rajesh Meera Vivek Nisha Anil Deepika Manoj Swati Harish Ritu Sai Anjali
      Venkat Keerthi Nikhil Tanvi Pranav Ishita Abhishek Sunita Gaurav Bhavya Siddharth Radhika Varun Nandini`),
    family: w(`Sharma Patel Kumar Singh Reddy Gupta Rao Iyer Nair Agarwal Joshi Mehta Shah Verma Desai Mishra
      Chatterjee Banerjee Das Pillai Menon Krishnan Srinivasan Subramanian Venkatesan Bhat Kulkarni Naidu Jain
      Malhotra Kapoor Chopra Saxena Bose Ghosh Mukherjee Chaudhary Yadav Pandey Tiwari Goyal Bansal`),
  },
  chinese: {
    given: w(`Wei Jing Hao Li Yang Min Jun Xin Lei Yan Tao Hui Bo Ying Chen Fang Jie Lin Yu Na Peng Qian Kai Xue
      Ming Mei Jian Ting Feng Xiaoling Zhiwei Yiming Haoran Zihan Yuxuan Xinyi`),
    family: w(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie
      Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du`),
    familyFirst: true,
  },
  vietnamese: {
    given: w(`Anh Minh Linh Huy Trang Duc Thao Tuan Huong Nam Lan Quang Ngoc Hieu Mai Long Phuong Khoa Thanh Vy
      Bảo Hùng Thảo Dũng Hằng Phúc Trâm`),
    family: w(`Nguyễn Nguyen Trần Tran Lê Le Phạm Pham Hoàng Hoang Huỳnh Phan Vũ Vo Đặng Bùi Đỗ Hồ Ngô Dương Lý`),
    familyFirst: true,
  },
  korean: {
    given: w(`Min-jun Seo-yeon Ji-hoon Ji-woo Hyun-woo Su-bin Jae-won Eun-ji Dong-hyun Ha-eun Sung-min Yu-jin
      Joon-ho Hye-jin Seung-hoon Da-eun Young-ho Ji-min Tae-yang Soo-ah`),
    family: w(`Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong`),
    familyFirst: true,
  },
  japanese: {
    given: w(`Haruto Yui Sota Aoi Yuto Hina Ren Sakura Kaito Yuna Takumi Mio Daiki Riko Kenji Ayaka Hiroshi Naomi
      Takeshi Emi Shota Yuki`),
    family: w(`Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki
      Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori`),
  },
  nigerian: {
    given: w(`Chinedu Ngozi Oluwaseun Adaeze Emeka Folake Tunde Chiamaka Obinna Aisha Ibrahim Funmilayo Chukwuemeka
      Yetunde Babajide Amaka Segun Blessing Kelechi Temitope Uche Zainab Damilola Ifeoma`),
    family: w(`Okafor Adeyemi Okonkwo Balogun Eze Ogunleye Nwosu Bello Adebayo Okoro Abubakar Olawale Nwachukwu
      Ibrahim Adeleke Chukwu Oyelaran Obi Akinola Onyeka Musa Okeke`),
  },
  arabic: {
    given: w(`Mohammed Fatima Ahmed Aisha Omar Mariam Ali Layla Youssef Nour Khaled Sara Hassan Rania Tariq Yasmin
      Karim Huda Mustafa Amira Samir Leila Rami Dina`),
    family: w(`Hassan Ali Mohamed Ibrahim Mahmoud Khalil Haddad Nasser Saleh Farah Aziz Rahman Hussein Abdullah
      Mansour Khoury Said Salem Najjar Hamdan Darwish Qureshi`),
  },
  german: {
    given: w(`Lukas Anna Leon Lena Felix Laura Jonas Julia Maximilian Sophie Paul Marie Niklas Hannah Tim Lea Jan
      Katharina Florian Johanna Tobias Jürgen Sabine Stefan Ute Matthias Anke Björn Jörg Sören`),
    family: w(`Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter
      Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Köhler`),
  },
  french: {
    given: w(`Louis Camille Gabriel Léa Hugo Manon Lucas Chloé Jules Inès Arthur Élodie Nathan Céline Théo Amélie
      Antoine Margaux Mathieu Aurélie Julien Hélène Baptiste Noémie François Clémence`),
    family: w(`Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel
      Garcia David Bertrand Roux Vincent Fournier Morel Girard André Mercier Dupont Lambert Bonnet Faure`),
  },
  polish: {
    given: w(`Jakub Julia Kacper Zuzanna Michał Maja Szymon Zofia Mateusz Aleksandra Bartosz Natalia Łukasz
      Katarzyna Paweł Agnieszka Krzysztof Magdalena Tomasz Małgorzata Piotr Joanna Grzegorz Ewa`),
    family: w(`Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski
      Kozłowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Michalski`),
  },
  brazilian: {
    given: w(`João Maria Pedro Ana Lucas Juliana Gabriel Fernanda Rafael Beatriz Matheus Larissa Gustavo Camila
      Felipe Letícia Thiago Mariana Bruno Aline Rodrigo Patrícia Vinícius Carolina`),
    family: w(`Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho
      Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Araújo`),
  },
  turkish: {
    given: w(`Mehmet Ayşe Mustafa Fatma Ahmet Zeynep Emre Elif Burak Merve Can Esra Murat Özlem Deniz Gül Serkan
      Büşra Onur İrem`),
    family: w(`Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin
      Kara Koç Kurt Özkan Şimşek`),
  },
  slavic: {
    given: w(`Alexander Anastasia Dmitry Ekaterina Sergei Olga Andrei Natalia Ivan Tatiana Mikhail Irina Oleksandr
      Yulia Pavel Svetlana Nikolai Daria Viktor Oksana Artem Kseniia`),
    family: w(`Ivanov Ivanova Petrov Petrova Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov
      Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Pavlenko Horbunov`),
  },
};

/** Letters that NFKD does not decompose, for ASCII folding. */
const SPECIAL: Record<string, string> = {
  ł: "l",
  Ł: "L",
  ø: "o",
  Ø: "O",
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  đ: "d",
  Đ: "D",
  ı: "i",
  "'": "",
};

/** "Łukasz O'Brien-Núñez" -> "Lukasz OBrien-Nunez". */
export function asciiFold(s: string): string {
  return s
    .replace(/[łŁøØßæÆđĐı']/g, (c) => SPECIAL[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

const slugs = new Map<string, string>();

/** Lower-case letters and digits only, for e-mail local parts and handles (memoised: names repeat). */
export function slug(s: string): string {
  let out = slugs.get(s);
  if (out === undefined) {
    out = asciiFold(s)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    if (slugs.size < 10_000) slugs.set(s, out);
  }
  return out;
}
